using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;
using Platform.Features.Regulation;

namespace Platform.Features.Employees;

/// <summary>Which workstations a current employee holds: those cannot be edited, deleted or closed (seed 001).</summary>
public sealed class WorkstationOccupancy(PlatformDbContext db, TimeProvider time)
{
    public async Task<HashSet<Guid>> HeldAsync(IReadOnlyCollection<Guid> workstationIds, CancellationToken ct = default)
    {
        var today = time.Today();
        // One EXISTS per workstation: it stops at the first current holder, however many there are.
        var held = await db.Workstations.AsNoTracking()
            .Where(w => workstationIds.Contains(w.Id) && db.CareerEntries.Any(c => c.WorkstationId == w.Id && (c.EndDate == null || c.EndDate >= today)))
            .Select(w => w.Id).ToListAsync(ct);
        return held.ToHashSet();
    }

    /// <summary>Whether any employee, current or former, ever held the workstation: then it is closed, never deleted.</summary>
    public async Task<bool> EverHeldAsync(Guid workstationId, CancellationToken ct = default) =>
        await db.CareerEntries.AnyAsync(c => c.WorkstationId == workstationId, ct);
}
