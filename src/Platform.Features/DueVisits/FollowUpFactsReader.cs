using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;
using Platform.Features.Regulation;

namespace Platform.Features.DueVisits;

/// <summary>The columns of an employee the due rules read.</summary>
internal sealed record EmployeeFollowUpRow(Guid Id, Guid CompanyId, DateOnly BirthDate, DateOnly StartDate, DateOnly? EndDate, string Contract, Guid? WorkstationId);

/// <summary>
/// Gathers the follow-up facts of a batch of employees in a few set queries: the risks of the workstation
/// held and since when, the last visit of each kind, the absences. No permission check: callers check.
/// </summary>
internal sealed class FollowUpFactsReader(PlatformDbContext db)
{
    public const string ApprenticeContract = "Apprentissage";

    private Dictionary<Guid, (List<Risk> Risks, string? RadiationCategory)>? workstations;

    public async Task<Dictionary<Guid, FollowUpFacts>> ReadAsync(IReadOnlyList<EmployeeFollowUpRow> employees, bool wholeTenant, CancellationToken ct)
    {
        var ids = employees.Select(e => e.Id).ToList();
        // A tenant's workstations are few next to its employees: read once for the whole refresh.
        if (workstations is null || !wholeTenant)
        {
            var wanted = employees.Where(e => e.WorkstationId is not null).Select(e => e.WorkstationId!.Value).Distinct().ToList();
            var query = db.Workstations.AsNoTracking();
            if (!wholeTenant) query = query.Where(w => wanted.Contains(w.Id));
            workstations = (await query.Select(w => new { w.Id, w.Risks, w.RadiationCategory }).ToListAsync(ct))
                .ToDictionary(w => w.Id, w => (w.Risks, w.RadiationCategory));
        }
        var assigned = (await db.CareerEntries.AsNoTracking().Where(c => ids.Contains(c.EmployeeId) && c.EndDate == null)
                .Select(c => new { c.EmployeeId, c.WorkstationId, c.StartDate }).ToListAsync(ct))
            .GroupBy(c => (c.EmployeeId, c.WorkstationId)).ToDictionary(g => g.Key, g => g.Max(c => c.StartDate));
        var held = (await db.HeldVisits.AsNoTracking().Where(v => ids.Contains(v.EmployeeId))
                .GroupBy(v => new { v.EmployeeId, v.Kind }).Select(g => new { g.Key.EmployeeId, g.Key.Kind, Last = g.Max(v => v.HeldOn) }).ToListAsync(ct))
            .GroupBy(v => v.EmployeeId).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<HeldVisitKind, DateOnly>)g.ToDictionary(v => v.Kind, v => v.Last));
        var absences = (await db.EmployeeAbsences.AsNoTracking().Where(a => ids.Contains(a.EmployeeId))
                .Select(a => new { a.EmployeeId, a.Nature, a.FirstDay, a.ReturnOn }).ToListAsync(ct))
            .GroupBy(a => a.EmployeeId).ToDictionary(g => g.Key, g => (IReadOnlyCollection<Absence>)g.Select(a => new Absence(a.Nature, a.FirstDay, a.ReturnOn)).ToList());
        // What the employer told in end-of-career and post-exposure requests: the retirement date, the end of the exposure.
        var told = (await db.VisitRequests.AsNoTracking()
                .Where(r => ids.Contains(r.EmployeeId) && (r.RetirementDate != null || r.ExposureEndDate != null) && r.State != Visits.VisitRequestState.Cancelled)
                .GroupBy(r => r.EmployeeId).Select(g => new { g.Key, Retirement = g.Max(r => r.RetirementDate), ExposureEnd = g.Max(r => r.ExposureEndDate) }).ToListAsync(ct))
            .ToDictionary(r => r.Key);

        var facts = new Dictionary<Guid, FollowUpFacts>(employees.Count);
        foreach (var e in employees)
        {
            var (risks, radiation) = e.WorkstationId is { } w && workstations.TryGetValue(w, out var ws) ? ws : ([], null);
            DateOnly? assignedOn = e.WorkstationId is { } wid && assigned.TryGetValue((e.Id, wid), out var since) ? since : null;
            facts[e.Id] = new FollowUpFacts(e.BirthDate, e.StartDate, e.EndDate, e.Contract == ApprenticeContract, risks, radiation, assignedOn, null,
                held.GetValueOrDefault(e.Id), absences.GetValueOrDefault(e.Id), told.GetValueOrDefault(e.Id)?.Retirement, told.GetValueOrDefault(e.Id)?.ExposureEnd);
        }
        return facts;
    }
}
