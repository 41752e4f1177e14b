using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;
using Platform.Features.Regulation;

namespace Platform.Features.DueVisits;

/// <summary>The columns of an employee the due rules read.</summary>
internal sealed record EmployeeFollowUpRow(Guid Id, Guid CompanyId, DateOnly BirthDate, DateOnly StartDate, DateOnly? EndDate, string Contract, Guid? WorkstationId,
    EmployeeSituations Situations = EmployeeSituations.None, DateOnly? RetirementDate = null, DateOnly? ExposureEndedOn = null);

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
        // The whole-tenant walk reads employees in id order: their facts are one range of the (TenantId, EmployeeId, …)
        // indexes, read in one pass, instead of thousands of id lookups (rows of employees not in the batch are ignored).
        var careers = db.CareerEntries.AsNoTracking().Where(c => c.EndDate == null);
        var visits = db.HeldVisits.AsNoTracking();
        var breaks = db.EmployeeAbsences.AsNoTracking();
        if (wholeTenant)
        {
            var (from, to) = (employees[0].Id, employees[^1].Id);
            careers = careers.Where(c => c.EmployeeId.CompareTo(from) >= 0 && c.EmployeeId.CompareTo(to) <= 0);
            visits = visits.Where(v => v.EmployeeId.CompareTo(from) >= 0 && v.EmployeeId.CompareTo(to) <= 0);
            breaks = breaks.Where(a => a.EmployeeId.CompareTo(from) >= 0 && a.EmployeeId.CompareTo(to) <= 0);
        }
        else
        {
            careers = careers.Where(c => ids.Contains(c.EmployeeId));
            visits = visits.Where(v => ids.Contains(v.EmployeeId));
            breaks = breaks.Where(a => ids.Contains(a.EmployeeId));
        }
        var assigned = new Dictionary<(Guid, Guid), DateOnly>();
        foreach (var c in await careers.Select(c => new { c.EmployeeId, c.WorkstationId, c.StartDate }).ToListAsync(ct))
            if (!assigned.TryGetValue((c.EmployeeId, c.WorkstationId), out var since) || c.StartDate > since) assigned[(c.EmployeeId, c.WorkstationId)] = c.StartDate;
        // The last visit of each kind, kept in memory from the rows (the index holds them in order; no GROUP BY to sort).
        var held = new Dictionary<Guid, Dictionary<HeldVisitKind, DateOnly>>();
        foreach (var v in await visits.Select(v => new { v.EmployeeId, v.Kind, v.HeldOn }).ToListAsync(ct))
        {
            if (!held.TryGetValue(v.EmployeeId, out var last)) held[v.EmployeeId] = last = [];
            if (!last.TryGetValue(v.Kind, out var on) || v.HeldOn > on) last[v.Kind] = v.HeldOn;
        }
        var absences = (await breaks.Select(a => new { a.EmployeeId, a.Nature, a.FirstDay, a.ReturnOn }).ToListAsync(ct))
            .GroupBy(a => a.EmployeeId).ToDictionary(g => g.Key, g => (IReadOnlyCollection<Absence>)g.Select(a => new Absence(a.Nature, a.FirstDay, a.ReturnOn)).ToList());
        // What the employer told in end-of-career and post-exposure requests: the retirement date, the end of the exposure.
        var requests = db.VisitRequests.AsNoTracking()
            .Where(r => (r.RetirementDate != null || r.ExposureEndDate != null) && r.State != Visits.VisitRequestState.Cancelled);
        var (firstId, lastId) = (employees[0].Id, employees[^1].Id);
        requests = wholeTenant
            ? requests.Where(r => r.EmployeeId.CompareTo(firstId) >= 0 && r.EmployeeId.CompareTo(lastId) <= 0)
            : requests.Where(r => ids.Contains(r.EmployeeId));
        var told = (await requests
                .GroupBy(r => r.EmployeeId).Select(g => new { g.Key, Retirement = g.Max(r => r.RetirementDate), ExposureEnd = g.Max(r => r.ExposureEndDate) }).ToListAsync(ct))
            .ToDictionary(r => r.Key);

        var facts = new Dictionary<Guid, FollowUpFacts>(employees.Count);
        foreach (var e in employees)
        {
            var (risks, radiation) = e.WorkstationId is { } w && workstations.TryGetValue(w, out var ws) ? ws : ([], null);
            DateOnly? assignedOn = e.WorkstationId is { } wid && assigned.TryGetValue((e.Id, wid), out var since) ? since : null;
            // The dates the employer entered on the employee win over those told in earlier requests.
            facts[e.Id] = new FollowUpFacts(e.BirthDate, e.StartDate, e.EndDate, e.Contract == ApprenticeContract, risks, radiation, assignedOn,
                e.Situations.AsList(), held.GetValueOrDefault(e.Id) as IReadOnlyDictionary<HeldVisitKind, DateOnly>, absences.GetValueOrDefault(e.Id),
                e.RetirementDate ?? told.GetValueOrDefault(e.Id)?.Retirement, e.ExposureEndedOn ?? told.GetValueOrDefault(e.Id)?.ExposureEnd);
        }
        return facts;
    }
}
