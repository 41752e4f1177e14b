using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Companies;
using Platform.Features.PendingChanges;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Features.Visits;
using Platform.Tenancy;

namespace Platform.Features.Employees;

public enum EmployeeChangeKind { Update, Exit, Reactivate, ChangeWorkstation }

/// <summary>What an employer asked to change; the INS only encrypted.</summary>
public sealed record EmployeeChangeRequest(
    EmployeeDraft? Draft = null, string? ProtectedIns = null, DateOnly? EndDate = null, DateOnly? StartDate = null,
    string? Contract = null, Guid? WorkstationId = null, DateOnly? CurrentEndDate = null, EmployeeFollowUpSituation? Situation = null);

/// <summary>
/// What the employer declares of an employee's follow-up, replaced whole: their situations (adapted follow-up), the
/// day they retire (end-of-career visit) and the last day of their exposure to particular risks (post-exposure visit).
/// </summary>
public sealed record EmployeeFollowUpSituation(IReadOnlyList<WorkerSituation> Situations, DateOnly? RetirementDate = null, DateOnly? ExposureEndedOn = null);

/// <summary>
/// The changes to an employee once declared (identity and INS, exit, reactivation, change of
/// workstation): checked against the employee as they are, applied at once (<see cref="ApplyOrDeferAsync"/>)
/// or, where the tenant validates every employer change (sst68), kept in the pending-change workflow
/// (<see cref="PendingChanges.PendingChanges"/>) and applied here, checked again, on their day.
/// </summary>
public sealed class EmployeeChanges(
    PlatformDbContext db, EmployeeService employees, CompanyDirectory companies, EmployeeNir nir, EmployeeVisitRequests visitRequests, Appointments.EmployeeAppointments appointments,
    ITenantContext tenantContext, PendingChanges.PendingChanges pendingChanges, CurrentUser currentUser, TimeProvider time) : IPendingChangeApplier
{
    private string TenantId => tenantContext.RequireTenant().Slug;

    public static string Action(EmployeeChangeKind kind) => kind switch
    {
        EmployeeChangeKind.Update => "employee.updated",
        EmployeeChangeKind.Exit => "employee.exited",
        EmployeeChangeKind.Reactivate => "employee.reactivated",
        _ => "employee.workstation-changed",
    };

    public static PendingChangeKind KindOf(EmployeeChangeKind kind) => kind switch
    {
        EmployeeChangeKind.Update => PendingChangeKind.EmployeeUpdate,
        EmployeeChangeKind.Exit => PendingChangeKind.EmployeeExit,
        EmployeeChangeKind.Reactivate => PendingChangeKind.EmployeeReactivate,
        _ => PendingChangeKind.EmployeeChangeWorkstation,
    };

    public static EmployeeChangeKind KindOf(PendingChangeKind kind) => kind switch
    {
        PendingChangeKind.EmployeeUpdate => EmployeeChangeKind.Update,
        PendingChangeKind.EmployeeExit => EmployeeChangeKind.Exit,
        PendingChangeKind.EmployeeReactivate => EmployeeChangeKind.Reactivate,
        PendingChangeKind.EmployeeChangeWorkstation => EmployeeChangeKind.ChangeWorkstation,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a change to an employee."),
    };

    /// <summary>
    /// Checks a change against the employee as it is, then applies it, or, where the tenant validates
    /// every employer change (sst68), keeps it for staff: it applies the day after their acceptance.
    /// </summary>
    internal async Task<Outcome<EmployeeView>> ApplyOrDeferAsync(Employee employee, EmployeeChangeKind kind, EmployeeChangeRequest request, CancellationToken ct)
    {
        var prepared = await PrepareAsync(employee, kind, request, ct);
        if (prepared.Value is not { } apply) return Outcome<EmployeeView>.Fail(prepared.Errors);
        if (await pendingChanges.MustWaitAsync())
        {
            var pending = await DeferAsync(employee, kind, request, ct);
            return new Outcome<EmployeeView>((await employees.ViewsAsync([employee], ct))[0], []) { Pending = pending };
        }
        apply();
        db.AuditEntries.Record(time, currentUser.UserId, Action(kind), "Employee", employee.Id);
        await db.SaveChangesAsync(ct);
        return Outcome<EmployeeView>.Ok((await employees.ViewsAsync([employee], ct))[0]);
    }

    internal static EmployeeChangeRequest Read(PendingChange change) => JsonSerializer.Deserialize<EmployeeChangeRequest>(change.Payload, PendingChanges.PendingChanges.Json)!;

    internal async Task<PendingChangeView> DeferAsync(Employee employee, EmployeeChangeKind kind, EmployeeChangeRequest request, CancellationToken ct)
    {
        Stage(employee, kind, request);
        await db.SaveChangesAsync(ct);
        return (await pendingChanges.StillToTakeEffectAsync(employee.Id, ct))[^1];
    }

    /// <summary>Keeps a checked change for staff in the caller's unit of work (an import's exits commit together).</summary>
    internal void Stage(Employee employee, EmployeeChangeKind kind, EmployeeChangeRequest request)
    {
        var name = employee.MarriedName is null ? $"{employee.BirthName} {employee.FirstName}" : $"{employee.MarriedName} {employee.FirstName}";
        var summary = kind switch
        {
            EmployeeChangeKind.Exit => $"Sortie au {request.EndDate:dd/MM/yyyy}",
            EmployeeChangeKind.Reactivate => $"Nouveau contrat {request.Contract} à partir du {request.StartDate:dd/MM/yyyy}",
            EmployeeChangeKind.ChangeWorkstation => $"Changement de poste à partir du {request.StartDate:dd/MM/yyyy}",
            _ when request.Situation is { } situation && !ChangesIdentity(request) => "Situation de suivi : " + SituationSummary(situation),
            _ => "Modification de l'identité" + (request.ProtectedIns is null ? "" : " et de l'INS")
                 + (request.Situation is null ? "" : " ; situation de suivi : " + SituationSummary(request.Situation)),
        };
        pendingChanges.Stage(employee.CompanyId, KindOf(kind), employee.Id, name, summary, request, null);
    }

    private static bool ChangesIdentity(EmployeeChangeRequest request) =>
        request.ProtectedIns is not null || request.Draft is { } d && (d.Civility ?? d.FirstName ?? d.BirthName ?? d.MarriedName ?? d.Contract) is not null
        || request.Draft?.BirthDate is not null || request.Draft?.DeclaredFollowUp is not null;

    private static string SituationSummary(EmployeeFollowUpSituation situation)
    {
        var parts = situation.Situations.Select(EmployeeSituationsExtensions.Label).ToList();
        if (parts.Count == 0) parts.Add("aucune situation particulière");
        if (situation.RetirementDate is { } retires) parts.Add($"retraite le {retires:dd/MM/yyyy}");
        if (situation.ExposureEndedOn is { } ended) parts.Add($"fin d'exposition le {ended:dd/MM/yyyy}");
        return string.Join(", ", parts);
    }

    /// <summary>The checks of a declared follow-up situation against the employee; the flags to store when it holds.</summary>
    internal static Outcome<EmployeeSituations> CheckSituation(Employee employee, EmployeeFollowUpSituation situation)
    {
        if (EmployeeSituationsExtensions.ToFlags(situation.Situations) is not { } flags)
            return new UserError("INVALID_SITUATION", "La situation « moins de 18 ans » se déduit de la date de naissance : elle ne se déclare pas.", "situations");
        if (situation.RetirementDate is { } retires && retires <= employee.StartDate)
            return new UserError("INVALID_RETIREMENT_DATE", $"La date de départ à la retraite doit suivre la date d'entrée du salarié ({employee.StartDate:dd/MM/yyyy}).", "retirementDate");
        if (situation.ExposureEndedOn is { } ended && ended < employee.StartDate)
            return new UserError("INVALID_EXPOSURE_END", $"La fin de l'exposition ne peut pas précéder la date d'entrée du salarié ({employee.StartDate:dd/MM/yyyy}).", "exposureEndDate");
        return Outcome<EmployeeSituations>.Ok(flags);
    }

    /// <summary>The changes of an employee still to take effect (the employer sees them pending; the caller checked access).</summary>
    public async Task<IReadOnlyList<PendingChangeView>> PendingForAsync(EmployeeView employee, CancellationToken ct = default) =>
        await pendingChanges.StillToTakeEffectAsync(employee.Id, ct);

    public async Task<IReadOnlyList<PendingChangeView>> AwaitingDecisionAsync(CancellationToken ct = default) =>
        await pendingChanges.AwaitingDecisionAsync(PendingChanges.PendingChanges.IsEmployeeKind, ct);

    public async Task<Outcome<PendingChangeView>> DecideAsync(Guid id, bool accept, CancellationToken ct = default) =>
        await pendingChanges.DecideAsync(id, accept, PendingChanges.PendingChanges.IsEmployeeKind, ct);

    /// <summary>The checks of a change against the employee now, and what applying it does (also run by the pending-changes job).</summary>
    internal async Task<Outcome<Action>> PrepareAsync(Employee employee, EmployeeChangeKind kind, EmployeeChangeRequest request, CancellationToken ct)
    {
        var company = (await companies.GetAsync(employee.CompanyId, ct))!;
        switch (kind)
        {
            case EmployeeChangeKind.Update:
            {
                var draft = request.Draft ?? new EmployeeDraft(null, null, null, null, null, null, null, null);
                var situation = EmployeeSituations.None;
                if (request.Situation is { } declared)
                {
                    var checkedSituation = CheckSituation(employee, declared);
                    if (!checkedSituation.Succeeded) return Outcome<Action>.Fail(checkedSituation.Errors);
                    situation = checkedSituation.Value;
                }
                // A field left out keeps its value; the start date never changes once entered.
                var effective = new EmployeeDraft(
                    draft.Civility ?? employee.Civility, draft.FirstName ?? employee.FirstName, draft.BirthName ?? employee.BirthName,
                    draft.MarriedName ?? employee.MarriedName, draft.BirthDate ?? employee.BirthDate, null, draft.Contract ?? employee.Contract,
                    employee.StartDate, employee.CurrentWorkstationId, draft.DeclaredFollowUp ?? employee.DeclaredFollowUp);
                if (employee.ValidatedAt is not null && (EmployeeRules.Civility(effective.Civility) != employee.Civility
                    || effective.FirstName!.Trim() != employee.FirstName || effective.BirthDate != employee.BirthDate
                    || !string.Equals(effective.Contract!.Trim(), employee.Contract, StringComparison.OrdinalIgnoreCase)))
                    return Outcome<Action>.Fail(new UserError("VALIDATED_EMPLOYEE", "Ce salarié est validé : seuls le nom et l'INS peuvent être modifiés. Pour corriger un autre champ, contactez votre centre médical.", "id"));
                var (checkedDraft, errors) = EmployeeRules.Check(effective, time.Today(), company.IsTempWorkerAccount && employee.EndDate is null);
                if (checkedDraft is null) return Outcome<Action>.Fail(errors);
                if (request.ProtectedIns is { } protectedIns && EmployeeRules.NirMismatch(nir.Reveal(TenantId, protectedIns), checkedDraft.Civility, checkedDraft.BirthDate) is { } mismatch)
                    return Outcome<Action>.Fail(mismatch);
                return Outcome<Action>.Ok(() =>
                {
                    (employee.Civility, employee.FirstName, employee.BirthName, employee.MarriedName) = (checkedDraft.Civility, checkedDraft.FirstName, checkedDraft.BirthName, checkedDraft.MarriedName);
                    (employee.BirthDate, employee.Contract, employee.DeclaredFollowUp) = (checkedDraft.BirthDate, checkedDraft.Contract, checkedDraft.DeclaredFollowUp);
                    if (request.ProtectedIns is { } ins)
                    {
                        employee.ProtectedNir = ins;
                        employee.MaskedNir = Nir.Mask(nir.Reveal(TenantId, ins));
                    }
                    employee.SortName = EmployeeRules.SortName(employee.BirthName, employee.FirstName);
                    if (request.Situation is { } s)
                        (employee.Situations, employee.RetirementDate, employee.ExposureEndedOn) = (situation, s.RetirementDate, s.ExposureEndedOn);
                });
            }
            case EmployeeChangeKind.Exit:
            {
                var endDate = request.EndDate!.Value;
                if (ExitProblem(employee, endDate) is { } exitProblem) return Outcome<Action>.Fail(exitProblem);
                var open = await db.CareerEntries.SingleOrDefaultAsync(c => c.EmployeeId == employee.Id && c.EndDate == null, ct);
                if (open is not null && endDate < open.StartDate)
                    return Outcome<Action>.Fail(new UserError("INVALID_END_DATE", $"La date de sortie précède la prise du poste actuel ({open.StartDate:dd/MM/yyyy}).", "endDate"));
                var pendingVisits = await visitRequests.PendingAsync([employee.Id], ct);
                var afterExit = await appointments.ForExitAsync([employee.Id], endDate, ct);
                return Outcome<Action>.Ok(() =>
                {
                    ApplyExit(employee, open, endDate);
                    visitRequests.CancelForExit(pendingVisits);
                    appointments.CancelForExit(afterExit);
                });
            }
            case EmployeeChangeKind.Reactivate:
            {
                var startDate = request.StartDate!.Value;
                if (employee.EndDate is not { } endDate) return Outcome<Action>.Fail(new UserError("NOT_FORMER", "Ce salarié est toujours en activité.", "id"));
                if (startDate <= endDate) return Outcome<Action>.Fail(new UserError("INVALID_START_DATE", $"Le nouveau contrat commence après la sortie du {endDate:dd/MM/yyyy}.", "startDate"));
                if (ContractProblem(request.Contract, company.IsTempWorkerAccount, out var chosen) is { } contractProblem) return Outcome<Action>.Fail(contractProblem);
                if (await WorkstationProblemAsync(employee.CompanyId, request.WorkstationId, ct) is { } workstationProblem) return Outcome<Action>.Fail(workstationProblem);
                return Outcome<Action>.Ok(() =>
                {
                    (employee.EndDate, employee.StartDate, employee.Contract, employee.CurrentWorkstationId) = (null, startDate, chosen!, request.WorkstationId);
                    if (request.WorkstationId is { } ws)
                        db.CareerEntries.Add(new CareerEntry { EmployeeId = employee.Id, WorkstationId = ws, Contract = chosen!, StartDate = startDate });
                });
            }
            default:
            {
                var (startDate, workstationId) = (request.StartDate!.Value, request.WorkstationId!.Value);
                if (employee.EndDate is not null)
                    return Outcome<Action>.Fail(new UserError("FORMER_EMPLOYEE", "Ce salarié est sorti de l'effectif : réactivez-le pour lui attribuer un poste.", "id"));
                if (ContractProblem(request.Contract ?? employee.Contract, company.IsTempWorkerAccount, out var chosen) is { } contractProblem) return Outcome<Action>.Fail(contractProblem);
                if (await WorkstationProblemAsync(employee.CompanyId, workstationId, ct) is { } workstationProblem) return Outcome<Action>.Fail(workstationProblem);
                var open = await db.CareerEntries.SingleOrDefaultAsync(c => c.EmployeeId == employee.Id && c.EndDate == null, ct);
                if (open is not null)
                {
                    if (request.CurrentEndDate is not { } end)
                        return Outcome<Action>.Fail(new UserError("REQUIRED", "Indiquez la date de fin du poste actuel : un poste en cours ne se modifie pas, il se clôture.", "currentEndDate"));
                    if (end < open.StartDate)
                        return Outcome<Action>.Fail(new UserError("INVALID_END_DATE", $"La fin du poste actuel ne peut pas précéder sa prise ({open.StartDate:dd/MM/yyyy}).", "currentEndDate"));
                    if (startDate <= end)
                        return Outcome<Action>.Fail(new UserError("INVALID_START_DATE", "Le nouveau poste commence après la fin du poste actuel.", "startDate"));
                }
                else if (startDate < employee.StartDate)
                    return Outcome<Action>.Fail(new UserError("INVALID_START_DATE", $"La prise de poste ne peut pas précéder l'entrée du salarié ({employee.StartDate:dd/MM/yyyy}).", "startDate"));
                return Outcome<Action>.Ok(() =>
                {
                    if (open is not null) open.EndDate = request.CurrentEndDate;
                    db.CareerEntries.Add(new CareerEntry { EmployeeId = employee.Id, WorkstationId = workstationId, Contract = chosen!, StartDate = startDate });
                    (employee.CurrentWorkstationId, employee.Contract) = (workstationId, chosen!);
                });
            }
        }
    }

    internal static UserError? ExitProblem(Employee employee, DateOnly endDate)
    {
        if (employee.EndDate is not null)
            return new UserError("DATE_FIXED", $"La date de sortie ({employee.EndDate:dd/MM/yyyy}) est déjà enregistrée et ne peut plus être modifiée.", "endDate");
        if (endDate < employee.StartDate)
            return new UserError("INVALID_END_DATE", $"La date de sortie ne peut pas précéder la date d'entrée ({employee.StartDate:dd/MM/yyyy}).", "endDate");
        return null;
    }

    internal static void ApplyExit(Employee employee, CareerEntry? open, DateOnly endDate)
    {
        employee.EndDate = endDate;
        if (open is not null) open.EndDate = endDate;
    }

    public bool Applies(PendingChangeKind kind) => PendingChanges.PendingChanges.IsEmployeeKind(kind);

    /// <summary>An accepted change on its day, checked again against the employee as they are then.</summary>
    public async Task<Outcome> ApplyAsync(PendingChange change, CancellationToken ct)
    {
        var employee = await db.Employees.SingleOrDefaultAsync(e => e.Id == change.SubjectId, ct);
        if (employee is null) return EmployeeService.NotFound;
        var kind = KindOf(change.Kind);
        var prepared = await PrepareAsync(employee, kind, Read(change), ct);
        if (prepared.Value is not { } apply) return Outcome.Fail(prepared.Errors);
        apply();
        db.AuditEntries.Record(time, change.DecidedByUserId, Action(kind), "Employee", employee.Id, """{"pendingChange":true}""");
        return Outcome.Ok;
    }

    internal async Task<UserError?> WorkstationProblemAsync(Guid companyId, Guid? workstationId, CancellationToken ct)
    {
        if (workstationId is not { } id) return null;
        var open = await db.Workstations.AnyAsync(w => w.Id == id && w.CompanyId == companyId && w.ClosedOn == null, ct);
        return open ? null : new UserError("UNKNOWN_WORKSTATION", "Choisissez un poste de travail ouvert de l'entreprise.", "workstationId");
    }

    private static UserError? ContractProblem(string? contract, bool tempWorkerAccount, out string? chosen)
    {
        var allowed = EmployeeRules.ContractsFor(tempWorkerAccount);
        chosen = allowed.FirstOrDefault(c => string.Equals(c, contract?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (chosen is not null) return null;
        return tempWorkerAccount
            ? new UserError("TEMP_CONTRACT_ONLY", "Sur un compte intérimaires, le contrat est « Intérim » ou « CDI intérim ».", "contract")
            : new UserError("INVALID_CONTRACT", $"Type de contrat inconnu : choisissez parmi {string.Join(", ", allowed)}.", "contract");
    }
}
