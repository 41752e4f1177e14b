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
        var held = await db.CareerEntries.AsNoTracking()
            .Where(c => workstationIds.Contains(c.WorkstationId) && (c.EndDate == null || c.EndDate >= today))
            .Select(c => c.WorkstationId).Distinct().ToListAsync(ct);
        return held.ToHashSet();
    }

    /// <summary>Whether any employee, current or former, ever held the workstation: then it is closed, never deleted.</summary>
    public async Task<bool> EverHeldAsync(Guid workstationId, CancellationToken ct = default) =>
        await db.CareerEntries.AnyAsync(c => c.WorkstationId == workstationId, ct);
}
