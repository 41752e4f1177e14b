using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;
using Platform.Features.Visits;

namespace Platform.Features.Billing;

/// <summary>A visit of a temp worker that the per-visit billing of temp-agency accounts bills once (sstrn, seed 000).</summary>
public sealed record BillableVisit(Guid Id, Guid CompanyId, VisitType Type, DateOnly HeldOn, string? UserCompanyName);

/// <summary>
/// The one query the per-visit billing reads its visits from. Appointments held are not modelled yet:
/// until they are, a visit request that staff accepted counts as the visit held on the day it was closed.
/// When appointments land, this query reads the appointments held in the period instead; nothing else moves.
/// </summary>
public sealed class BillableVisits(PlatformDbContext db)
{
    /// <summary>The visits held from <paramref name="from"/> to <paramref name="to"/> (both included) on the given companies.</summary>
    public async Task<IReadOnlyList<BillableVisit>> HeldAsync(IReadOnlyCollection<Guid> companyIds, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        // Instants compare in memory (SQLite cannot compare DateTimeOffset); the Paris day decides.
        var rows = await db.VisitRequests.AsNoTracking()
            .Where(r => companyIds.Contains(r.CompanyId) && r.State == VisitRequestState.Accepted && r.ClosedAt != null)
            .Select(r => new { r.Id, r.CompanyId, r.Type, ClosedAt = r.ClosedAt!.Value, r.UserCompanyName }).ToListAsync(ct);
        return rows.Select(r => new BillableVisit(r.Id, r.CompanyId, r.Type, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.ClosedAt, Regulation.FrenchTime.Paris).DateTime), r.UserCompanyName))
            .Where(v => v.HeldOn >= from && v.HeldOn <= to).OrderBy(v => v.HeldOn).ThenBy(v => v.Id).ToList();
    }
}
