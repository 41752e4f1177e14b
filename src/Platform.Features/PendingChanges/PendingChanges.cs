using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Companies;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Features.TenantSettings;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Features.PendingChanges;

/// <summary>
/// The one workflow of employer changes that wait for staff (sst68): a feature records a checked
/// change instead of applying it; the employer sees it pending, accepted, applied; staff accept or
/// refuse it (audited); the pending-changes job applies the accepted ones whose day has come, in
/// order of acceptance, each checked again by its feature.
/// </summary>
public sealed class PendingChanges(
    PlatformDbContext db, CompanyAccess access, CurrentUser currentUser, ITenantContext tenantContext, TenantRulesCache rulesCache, TimeProvider time, IServiceProvider services)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Area(PendingChangeKind kind) => kind switch
    {
        PendingChangeKind.CompanyDetails => "company",
        PendingChangeKind.ContactSave or PendingChangeKind.ContactDelete => "contact",
        PendingChangeKind.EmployeeUpdate or PendingChangeKind.EmployeeExit or PendingChangeKind.EmployeeReactivate or PendingChangeKind.EmployeeChangeWorkstation => "employee",
        _ => "workstation",
    };

    public static bool IsEmployeeKind(PendingChangeKind kind) => Area(kind) == "employee";

    /// <summary>Whether the caller's change waits for staff: an employer's, where the tenant validates every change.</summary>
    public async Task<bool> MustWaitAsync() =>
        !currentUser.IsStaff && (await rulesCache.GetAsync(tenantContext.RequireTenant())).Rules.EmployerChanges.NeedStaffValidation == StaffValidation.AllChanges;

    /// <summary>Keeps a checked change for staff (the caller checked the permission) and saves it with its audit entry.</summary>
    internal async Task<PendingChangeView> RecordAsync(
        Guid companyId, PendingChangeKind kind, Guid? subjectId, string subject, string summary, object payload, IReadOnlyList<FieldChange>? fields, CancellationToken ct)
    {
        var change = Stage(companyId, kind, subjectId, subject, summary, payload, fields);
        await db.SaveChangesAsync(ct);
        return (await ViewsAsync([change], ct))[0];
    }

    /// <summary>Adds a checked change to the caller's unit of work without saving (several changes of one import commit together).</summary>
    internal PendingChange Stage(Guid companyId, PendingChangeKind kind, Guid? subjectId, string subject, string summary, object payload, IReadOnlyList<FieldChange>? fields)
    {
        var change = new PendingChange
        {
            CompanyId = companyId, Kind = kind, SubjectId = subjectId, Subject = subject, Summary = summary,
            Payload = JsonSerializer.Serialize(payload, Json), Fields = JsonSerializer.Serialize(fields ?? [], Json),
            RequestedByUserId = currentUser.RequireUserId(), RequestedAt = time.GetUtcNow(),
        };
        db.PendingChanges.Add(change);
        Audit(change, currentUser.UserId, "change-requested");
        return change;
    }

    /// <summary>
    /// The company's changes, newest first: pending, accepted, applied or refused (the employer follows
    /// them). Changes to employees name a person: only for those who may see the employees.
    /// </summary>
    public async Task<IReadOnlyList<PendingChangeView>> ForCompanyAsync(Guid companyId, int take = 50, CancellationToken ct = default)
    {
        if (!await access.CanSeeAsync(companyId, ct)) return [];
        var query = db.PendingChanges.AsNoTracking().Where(p => p.CompanyId == companyId);
        if (!await access.HasAsync(companyId, Permission.ViewEmployees, ct)) query = query.Where(p => !EmployeeKinds.Contains(p.Kind));
        var rows = await query.OrderByDescending(p => p.Id).Take(Math.Clamp(take, 1, 200)).ToListAsync(ct);
        return await ViewsAsync(rows, ct);
    }

    private static readonly PendingChangeKind[] EmployeeKinds = Enum.GetValues<PendingChangeKind>().Where(IsEmployeeKind).ToArray();

    /// <summary>The changes of one employee, contact or workstation still to take effect, oldest first (the caller checked access).</summary>
    internal async Task<IReadOnlyList<PendingChangeView>> StillToTakeEffectAsync(Guid subjectId, CancellationToken ct) =>
        await ViewsAsync(await db.PendingChanges.AsNoTracking()
            .Where(p => p.SubjectId == subjectId && (p.State == RequestState.Pending || (p.State == RequestState.Accepted && p.AppliedAt == null)))
            .OrderBy(p => p.Id).ToListAsync(ct), ct);

    /// <summary>Staff: the changes waiting for a decision, oldest first, of the kinds asked (all by default).</summary>
    public async Task<IReadOnlyList<PendingChangeView>> AwaitingDecisionAsync(Func<PendingChangeKind, bool>? kinds = null, CancellationToken ct = default)
    {
        currentUser.RequireStaff();
        var rows = await db.PendingChanges.AsNoTracking().Where(p => p.State == RequestState.Pending).OrderBy(p => p.Id).Take(500).ToListAsync(ct);
        return await ViewsAsync(rows.Where(r => kinds?.Invoke(r.Kind) ?? true).Take(200).ToList(), ct);
    }

    /// <summary>Staff accept or refuse; an accepted change takes effect the next day (or at once where the tenant says so).</summary>
    public async Task<Outcome<PendingChangeView>> DecideAsync(Guid id, bool accept, Func<PendingChangeKind, bool>? kinds = null, CancellationToken ct = default)
    {
        var staff = currentUser.RequireStaff();
        var change = await db.PendingChanges.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (change is null || !(kinds?.Invoke(change.Kind) ?? true)) return new UserError("NOT_FOUND", "Cette modification n'existe pas.", "id");
        if (change.State != RequestState.Pending) return new UserError("ALREADY_DECIDED", "Cette modification a déjà été traitée.", "id");
        var nextDay = (await rulesCache.GetAsync(tenantContext.RequireTenant())).Rules.EmployerChanges.TakesEffectNextDay;
        (change.State, change.DecidedByUserId, change.DecidedAt) = (accept ? RequestState.Accepted : RequestState.Refused, staff, time.GetUtcNow());
        if (accept) change.EffectiveOn = nextDay ? time.Today().AddDays(1) : time.Today();
        Audit(change, staff, accept ? "change-accepted" : "change-refused");
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            return new UserError("ALREADY_DECIDED", "Cette modification a déjà été traitée.", "id");
        }
        if (accept && !nextDay) await ApplyAsync(change, ct);
        return Outcome<PendingChangeView>.Ok((await ViewsAsync([change], ct))[0]);
    }

    /// <summary>
    /// Applies the accepted changes whose day has come, in order of acceptance, each saved on its own:
    /// a change only sets what the employer changed, so two accepted the same day both hold. One that
    /// no longer holds is kept with the reason instead of half-applying. Returns how many applied.
    /// </summary>
    public async Task<int> ApplyDueAsync(CancellationToken ct = default)
    {
        var today = time.Today();
        var due = await db.PendingChanges.Where(p => p.State == RequestState.Accepted && p.AppliedAt == null && p.EffectiveOn <= today).ToListAsync(ct);
        var applied = 0;
        // Ordered here: SQLite cannot order by a DateTimeOffset, and a day's due changes are few.
        foreach (var change in due.OrderBy(p => p.DecidedAt).ThenBy(p => p.Id))
            if (await ApplyAsync(change, ct)) applied++;
        return applied;
    }

    private async Task<bool> ApplyAsync(PendingChange change, CancellationToken ct)
    {
        // Resolved here, not injected: the features that record changes are the ones that apply them.
        var applier = services.GetServices<IPendingChangeApplier>().Single(a => a.Applies(change.Kind));
        var outcome = await applier.ApplyAsync(change, ct);
        change.AppliedAt = time.GetUtcNow();
        change.Outcome = outcome.Succeeded ? null : outcome.Errors[0].Message;
        Audit(change, change.DecidedByUserId, outcome.Succeeded ? "change-applied" : "change-not-applied");
        await db.SaveChangesAsync(ct);
        return outcome.Succeeded;
    }

    private void Audit(PendingChange change, Guid? actor, string what)
    {
        var (type, id) = IsEmployeeKind(change.Kind) && change.SubjectId is { } employee ? ("Employee", employee) : ("Company", change.CompanyId);
        db.AuditEntries.Record(time, actor, $"{Area(change.Kind)}.{what}", type, id, JsonSerializer.Serialize(new { change = change.Id, kind = change.Kind.ToString() }, Json));
    }

    private async Task<IReadOnlyList<PendingChangeView>> ViewsAsync(IReadOnlyList<PendingChange> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.CompanyId).Distinct().ToList();
        var companies = await db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Name, c.MemberNumber }).ToDictionaryAsync(c => c.Id, ct);
        return rows.Select(p => new PendingChangeView(
            p.Id, p.CompanyId, companies[p.CompanyId].Name, companies[p.CompanyId].MemberNumber, p.Kind, p.SubjectId, p.Subject, p.Summary,
            JsonSerializer.Deserialize<List<FieldChange>>(p.Fields, Json) ?? [], p.State, p.RequestedAt, p.DecidedAt, p.EffectiveOn, p.AppliedAt, p.Outcome) { Payload = p.Payload }).ToList();
    }
}
