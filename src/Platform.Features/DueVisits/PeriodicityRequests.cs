using Platform.Features.Access;
using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;
using Platform.Features.TenantSettings;
using Platform.Features.Visits;
using Platform.Tenancy;

namespace Platform.Features.DueVisits;

/// <summary>
/// On tenants whose hiring and periodic visits follow the regulatory periodicity (sist-on, seed 002:
/// « générés automatiquement »), the due visits of those types become visit requests without the
/// employer asking: one per due visit, none while a request of that type is pending for the employee.
/// </summary>
public sealed class PeriodicityRequests(PlatformDbContext db, VisitRequestService requests, ITenantContext tenant, TenantRulesCache rulesCache, CurrentUser currentUser)
{
    public const int BatchSize = 2000;

    /// <returns>The number of requests created (0 on tenants without the rule).</returns>
    public async Task<int> CreateAsync(CancellationToken ct = default)
    {
        currentUser.RequireStaffOrPlatform();
        if (!(await rulesCache.GetAsync(tenant.Current!)).Rules.VisitPlanning.RequestsFromPeriodicity) return 0;
        var created = 0;
        Guid? last = null;
        while (true)
        {
            // The service asks for a workstation before any visit (seed 001): only those holding one.
            var query = Candidates();
            if (last is { } after) query = query.Where(d => d.Id.CompareTo(after) > 0);
            var batch = await query.AsNoTracking().OrderBy(d => d.Id).Take(BatchSize)
                .Select(d => new { d.Id, d.CompanyId, d.EmployeeId, d.Type, d.Kind, d.DueBy }).ToListAsync(ct);
            if (batch.Count == 0) break;
            var ids = batch.Select(d => d.EmployeeId).Distinct().ToList();
            var pending = (await db.VisitRequests.AsNoTracking().Where(r => ids.Contains(r.EmployeeId) && r.State == VisitRequestState.Pending)
                .Select(r => new { r.EmployeeId, r.Type }).ToListAsync(ct)).Select(r => (r.EmployeeId, r.Type)).ToHashSet();
            var made = new List<VisitRequest>();
            foreach (var due in batch)
                if (pending.Add((due.EmployeeId, due.Type)))
                    made.Add(requests.FromPeriodicity(due.CompanyId, due.EmployeeId, due.Type,
                        $"Demande générée selon la périodicité réglementaire : {Regulation.DueVisitRules.Label(due.Kind)}, avant le {due.DueBy:dd/MM/yyyy}."));
            // The new requests and the links in one transaction, as set statements: each due visit points to
            // its employee's pending request of that type (one it had, or the one just made).
            // The batch's rows as the range of ids the keyset read (the same filter, so the same rows): a list of 2,000 ids
            // was planned by SQLite, without statistics, as a walk of all the tenant's rows for each batch.
            var (first, lastOfBatch) = (batch[0].Id, batch[^1].Id);
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                await db.InsertAsync(made, ct);
                await Candidates().Where(d => d.Id.CompareTo(first) >= 0 && d.Id.CompareTo(lastOfBatch) <= 0)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.VisitRequestId, d => db.VisitRequests
                        .Where(r => r.EmployeeId == d.EmployeeId && r.Type == d.Type && r.State == VisitRequestState.Pending)
                        .OrderBy(r => r.Id).Select(r => (Guid?)r.Id).FirstOrDefault()), ct);
                await transaction.CommitAsync(ct);
            }
            created += made.Count;
            last = batch[^1].Id;
            if (batch.Count < BatchSize) break;
        }
        return created;
    }

    /// <summary>The due hiring and periodic visits without a request, of employees holding a workstation.</summary>
    private IQueryable<DueVisitEntry> Candidates() =>
        db.DueVisitEntries.Where(d => d.VisitRequestId == null && (d.Type == VisitType.Hiring || d.Type == VisitType.Periodic)
            && db.Employees.Any(e => e.Id == d.EmployeeId && e.CurrentWorkstationId != null));
}
