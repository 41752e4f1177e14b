using Platform.Features.Visits;
using Platform.Features.Appointments;
using Platform.Features.Access;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;
using Platform.Features.Regulation;

namespace Platform.Features.DueVisits;

public sealed record DueVisitsRefreshFigures(int Employees, int Due, int Added, int Removed, TimeSpan Elapsed);

/// <summary>
/// Refreshes the stored due visits of the current tenant (the « Salariés à convoquer » lists) from the
/// follow-up facts, in batches of employees: a few set queries and one save per batch, only the rows
/// that changed written. Idempotent: a second run the same day finds nothing to change.
/// </summary>
public sealed class DueVisitsRefresh(PlatformDbContext db, CurrentUser currentUser, TimeProvider time)
{
    public const int BatchSize = 5000;

    public async Task<DueVisitsRefreshFigures> RefreshTenantAsync(CancellationToken ct = default)
    {
        currentUser.RequireStaffOrPlatform();
        var clock = Stopwatch.StartNew();
        var today = time.Today();
        var reader = new FollowUpFactsReader(db);
        var (employees, due, added, removed) = (0, 0, 0, 0);
        await RecordHeldAppointmentsAsync(ct);
        // The employees who left: their rows go (the list hides them from the day after the exit anyway).
        removed += await db.DueVisitEntries.Where(d => db.Employees.Any(e => e.Id == d.EmployeeId && e.EndDate < today)).ExecuteDeleteAsync(ct);
        Guid? last = null;
        while (true)
        {
            var query = db.Employees.AsNoTracking().Where(e => e.EndDate == null || e.EndDate >= today);
            if (last is { } after) query = query.Where(e => e.Id.CompareTo(after) > 0);
            var batch = await query.OrderBy(e => e.Id).Take(BatchSize)
                .Select(e => new EmployeeFollowUpRow(e.Id, e.CompanyId, e.BirthDate, e.StartDate, e.EndDate, e.Contract, e.CurrentWorkstationId,
                    e.Situations, e.RetirementDate, e.ExposureEndedOn))
                .ToListAsync(ct);
            if (batch.Count == 0) break;
            var (d, a, r) = await RefreshBatchAsync(reader, batch, today, wholeTenant: true, ct);
            (employees, due, added, removed) = (employees + batch.Count, due + d, added + a, removed + r);
            last = batch[^1].Id;
            if (batch.Count < BatchSize) break;
        }
        return new(employees, due, added, removed, clock.Elapsed);
    }

    /// <summary>
    /// The appointments held since the last night (started, not cancelled) become the last visit of their
    /// kind, which the due rules start from: a hiring or periodic visit is a VIP, or an aptitude exam
    /// where the workstation held calls for reinforced follow-up (SIR) on that day. Occasional,
    /// end-of-career and post-exposure visits settle no periodic rule. Each appointment is recorded once.
    /// </summary>
    private async Task RecordHeldAppointmentsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var held = await db.Appointments.AsNoTracking().Held(now)
            .Where(a => !db.HeldVisits.Any(h => h.AppointmentId == a.Id))
            .Join(db.Employees, a => a.EmployeeId, e => e.Id, (a, e) => new { a.Id, a.CompanyId, a.EmployeeId, a.Type, a.StartsAtUtc, e.CurrentWorkstationId })
            .ToListAsync(ct);
        if (held.Count == 0) return;
        var workstationIds = held.Where(a => a.CurrentWorkstationId is not null).Select(a => a.CurrentWorkstationId!.Value).Distinct().ToList();
        var risks = await db.Workstations.AsNoTracking().Where(w => workstationIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Risks, ct);
        foreach (var a in held)
        {
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(a.StartsAtUtc, DateTimeKind.Utc), FrenchTime.Paris));
            var category = a.CurrentWorkstationId is { } w && risks.TryGetValue(w, out var r) ? FollowUpRules.For(r, day) : FollowUpCategory.SI;
            if (HeldKindOf(a.Type, category) is not { } kind) continue;
            db.HeldVisits.Add(new HeldVisit
            {
                CompanyId = a.CompanyId, EmployeeId = a.EmployeeId, Kind = kind, HeldOn = day,
                Source = HeldVisitSources.Appointment, AppointmentId = a.Id, RecordedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    internal static HeldVisitKind? HeldKindOf(VisitType type, FollowUpCategory category) => type switch
    {
        VisitType.Hiring or VisitType.Periodic => category == FollowUpCategory.SIR ? HeldVisitKind.AptitudeExam : HeldVisitKind.Vip,
        VisitType.MidCareer => HeldVisitKind.MidCareer,
        VisitType.ReturnToWork => HeldVisitKind.ReturnToWork,
        VisitType.EndOfCareer => HeldVisitKind.EndOfCareer,
        VisitType.PostExposure => HeldVisitKind.PostExposure,
        _ => null,
    };

    /// <summary>One employee's rows, right after something about them changed (a past visit entered, an absence).</summary>
    public async Task RefreshEmployeeAsync(Guid employeeId, CancellationToken ct = default)
    {
        var today = time.Today();
        var row = await db.Employees.AsNoTracking().Where(e => e.Id == employeeId)
            .Select(e => new EmployeeFollowUpRow(e.Id, e.CompanyId, e.BirthDate, e.StartDate, e.EndDate, e.Contract, e.CurrentWorkstationId,
                    e.Situations, e.RetirementDate, e.ExposureEndedOn))
            .SingleOrDefaultAsync(ct);
        if (row is null) return;
        await RefreshBatchAsync(new FollowUpFactsReader(db), [row], today, wholeTenant: false, ct);
    }

    private async Task<(int Due, int Added, int Removed)> RefreshBatchAsync(FollowUpFactsReader reader, IReadOnlyList<EmployeeFollowUpRow> batch, DateOnly today,
        bool wholeTenant, CancellationToken ct)
    {
        var facts = await reader.ReadAsync(batch, wholeTenant, ct);
        var existingRows = db.DueVisitEntries.AsNoTracking();
        if (wholeTenant)
        {
            // The batch is a range of employee ids (the walk's order): one range of the unique index.
            var (from, to) = (batch[0].Id, batch[^1].Id);
            existingRows = existingRows.Where(d => d.EmployeeId.CompareTo(from) >= 0 && d.EmployeeId.CompareTo(to) <= 0);
        }
        else
        {
            var ids = batch.Select(e => e.Id).ToList();
            existingRows = existingRows.Where(d => ids.Contains(d.EmployeeId));
        }
        var existing = await existingRows.Select(d => new { d.Id, d.EmployeeId, d.Kind, d.DueBy }).ToListAsync(ct);
        // One line per employee, kind and deadline (the table's unique key): two rules calling for the same
        // visit by the same day (an attestation for CACES and for electrical clearance) are one visit to convene.
        var existingKeys = existing.ToDictionary(d => (d.EmployeeId, d.Kind, d.DueBy), d => d.Id);
        var wanted = new HashSet<(Guid, DueVisitKind, DateOnly)>();
        var fresh = new List<DueVisitEntry>();
        foreach (var employee in batch)
        {
            foreach (var visit in DueVisitRules.For(facts[employee.Id], today).Where(v => v.IsDueOn(today)))
            {
                var key = (employee.Id, visit.Kind, visit.DueBy);
                if (!wanted.Add(key) || existingKeys.ContainsKey(key)) continue;
                fresh.Add(new DueVisitEntry
                {
                    CompanyId = employee.CompanyId, EmployeeId = employee.Id, Kind = visit.Kind, Type = visit.Type,
                    DueFrom = visit.DueFrom, DueBy = visit.DueBy, RuleCode = visit.Rule.Code, ListedOn = today,
                });
            }
        }
        // Rows of employees the walk skipped (left before today) stay to the delete of the leavers above.
        var inBatch = batch.Select(e => e.Id).ToHashSet();
        var gone = existingKeys.Where(e => inBatch.Contains(e.Key.EmployeeId) && !wanted.Contains(e.Key)).Select(e => e.Value).ToList();
        // The removals and the additions of a batch together: a crash leaves the batch as it was, the next run redoes it.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (gone.Count > 0) await db.DueVisitEntries.Where(d => gone.Contains(d.Id)).ExecuteDeleteAsync(ct);
        // New rows only, in multi-row statements: the first night adds hundreds of thousands.
        await db.InsertAsync(fresh, ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        var added = fresh.Count;
        return (wanted.Count, added, gone.Count);
    }
}
