using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Companies;
using Platform.Features.PendingChanges;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Features.TenantSettings;
using Platform.Features.Visits;
using Platform.Features.Workstations;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Features.Employees;

/// <summary>What a change to an employee did: the employee after it, or errors.</summary>
public sealed record EmployeeResult(EmployeeView? Employee, IReadOnlyList<UserError> Errors)
{
    /// <summary>Set where the change waits for staff validation instead of applying (sst68).</summary>
    public PendingChangeView? Pending { get; init; }

    /// <summary>Visit requests this change cancelled (an exit cancels the employee's pending ones).</summary>
    public IReadOnlyList<VisitRequestView> CancelledVisitRequests { get; init; } = [];

    /// <summary>Appointments this change cancelled (an exit cancels those after the end of the contract).</summary>
    public IReadOnlyList<Appointments.AppointmentView> CancelledAppointments { get; init; } = [];

    public static EmployeeResult Failed(params UserError[] errors) => new(null, errors);
}

/// <summary>
/// The employees of a company (SPEC.md 3.4, seeds 000, 001, 003): declaration and staff validation,
/// what may change afterwards, the career, exit and reactivation, the list and its check, the
/// January lock of tenants that close the section during the annual declaration.
/// </summary>
public sealed class EmployeeService(
    PlatformDbContext db, CompanyAccess access, CompanyDirectory companies, WorkstationService workstations, EmployeeNir nir,
    EmployeeChanges changes, PendingChanges.PendingChanges pendingChanges, EmployeeVisitRequests visitRequests, Appointments.EmployeeAppointments appointments, CurrentUser currentUser, ITenantContext tenantContext, TenantRulesCache rulesCache, TimeProvider time)
{
    public static readonly UserError NotFound = new("NOT_FOUND", "Ce salarié n'existe pas.", "id");

    private string TenantId => tenantContext.RequireTenant().Slug;

    public async Task<Page<EmployeeView>> ListAsync(Guid companyId, EmployeeFilter filter, int? first, string? after, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewEmployees, ct);
        var size = KeysetCursor.PageSize(first);
        var query = Filtered(companyId, filter);
        var total = await query.CountAsync(ct);
        if (KeysetCursor.Decode(after) is var (sortName, id))
            // Written as a range on the index (SortName >= …) so that a deep page starts where the last one ended.
            query = query.Where(e => string.Compare(e.SortName, sortName) >= 0 && (string.Compare(e.SortName, sortName) > 0 || e.Id.CompareTo(id) > 0));
        var rows = await query.OrderBy(e => e.SortName).ThenBy(e => e.Id).Take(size + 1).ToListAsync(ct);
        var views = await ViewsAsync(rows, ct);
        return KeysetCursor.ToPage(views, size, total, v => KeysetCursor.Encode(EmployeeRules.SortName(v.BirthName, v.FirstName), v.Id));
    }

    /// <summary>Every employee the filter selects, in list order (export and print).</summary>
    public async Task<IReadOnlyList<EmployeeView>> AllAsync(Guid companyId, EmployeeFilter filter, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewEmployees, ct);
        var rows = await Filtered(companyId, filter).OrderBy(e => e.SortName).ThenBy(e => e.Id).ToListAsync(ct);
        return await ViewsAsync(rows, ct);
    }

    private IQueryable<Employee> Filtered(Guid companyId, EmployeeFilter filter)
    {
        var today = time.Today();
        var query = db.Employees.AsNoTracking().Where(e => e.CompanyId == companyId);
        if (filter.ActiveOnly) query = query.Where(e => e.EndDate == null || e.EndDate >= today);
        if (filter.WorkstationId is { } workstationId) query = query.Where(e => e.CurrentWorkstationId == workstationId);
        if (filter.Initial is { } initial && char.IsLetter(initial))
        {
            var prefix = EmployeeRules.Fold(initial.ToString());
            query = query.Where(e => e.SortName.StartsWith(prefix));
        }
        if (EmployeeRules.Civility(filter.Sex) is { } civility) query = query.Where(e => e.Civility == civility);
        var search = EmployeeRules.Fold(filter.Search?.Trim() ?? "");
        if (search.Length > 0 && search.Length <= 100) query = query.Where(e => e.SortName.Contains(search));
        return query;
    }

    public async Task<EmployeeView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        var employee = await db.Employees.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (employee is null || !await access.HasAsync(employee.CompanyId, Permission.ViewEmployees, ct)) return null;
        return (await ViewsAsync([employee], ct))[0];
    }

    /// <summary>
    /// The careers of several employees in two queries (the API's batch of a page), for the companies the
    /// caller may see; the others read as empty.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<CareerEntryView>>> CareersAsync(IReadOnlyCollection<EmployeeView> employees, CancellationToken ct = default)
    {
        var visible = new List<Guid>();
        foreach (var company in employees.GroupBy(e => e.CompanyId))
            if (await access.HasAsync(company.Key, Permission.ViewEmployees, ct)) visible.AddRange(company.Select(e => e.Id));
        var entries = await db.CareerEntries.AsNoTracking().Where(c => visible.Contains(c.EmployeeId)).ToListAsync(ct);
        var byId = await workstations.ViewsByIdAsync(entries.Select(e => e.WorkstationId).Distinct().ToList(), ct);
        return employees.ToDictionary(e => e.Id, e => (IReadOnlyList<CareerEntryView>)entries.Where(c => c.EmployeeId == e.Id)
            .OrderByDescending(c => c.StartDate).ThenByDescending(c => c.Id)
            .Select(c => new CareerEntryView(c.Id, byId[c.WorkstationId], c.Contract, c.StartDate, c.EndDate)).ToList());
    }

    public async Task<EmployeeResult> CreateAsync(Guid companyId, EmployeeDraft draft, CancellationToken ct = default)
    {
        if (await WriteProblemAsync(companyId, ct) is { } problem) return EmployeeResult.Failed(problem);
        var company = (await companies.GetAsync(companyId, ct))!;
        var (employee, errors) = EmployeeRules.Check(draft, time.Today(), company.IsTempWorkerAccount);
        if (employee is null) return EmployeeResult.Failed([.. errors]);
        if (await changes.WorkstationProblemAsync(companyId, employee.WorkstationId, ct) is { } workstationProblem) return EmployeeResult.Failed(workstationProblem);
        if (await AlreadyDeclaredAsync(companyId, employee, ct)) return EmployeeResult.Failed(AlreadyDeclared(employee));

        var (entity, _) = await NewAsync(companyId, employee);
        db.AuditEntries.Record(time, currentUser.UserId, "employee.created", "Employee", entity.Id);
        await db.SaveChangesAsync(ct);
        return new((await ViewsAsync([entity], ct))[0], []);
    }

    /// <summary>Adds an employee and its first career line to the unit of work (the form, the API and the import).</summary>
    internal async Task<(Employee Employee, CareerEntry? Career)> NewAsync(Guid companyId, CheckedEmployee draft)
    {
        var rules = await RulesAsync();
        var now = time.GetUtcNow();
        var entity = new Employee
        {
            CompanyId = companyId, Civility = draft.Civility, FirstName = draft.FirstName, BirthName = draft.BirthName, MarriedName = draft.MarriedName,
            BirthDate = draft.BirthDate, ProtectedNir = draft.Nir is null ? null : nir.Protect(TenantId, draft.Nir), MaskedNir = draft.Nir is null ? null : Nir.Mask(draft.Nir),
            Contract = draft.Contract,
            StartDate = draft.StartDate, CurrentWorkstationId = draft.WorkstationId, DeclaredFollowUp = draft.DeclaredFollowUp, CreatedAt = now,
            SortName = EmployeeRules.SortName(draft.BirthName, draft.FirstName),
            // Without staff validation in this tenant, a declared employee stands at once.
            ValidatedAt = rules.EmployerChanges.NeedStaffValidation == StaffValidation.None ? now : null,
        };
        db.Employees.Add(entity);
        CareerEntry? career = null;
        if (draft.WorkstationId is { } workstationId)
            db.CareerEntries.Add(career = new CareerEntry { EmployeeId = entity.Id, WorkstationId = workstationId, Contract = draft.Contract, StartDate = draft.StartDate });
        return (entity, career);
    }

    /// <summary>
    /// Changes what may change: before staff validation everything but the start date; after it only the
    /// names and the INS (seed 001: "seuls les champs Nom et INS sont modifiables").
    /// </summary>
    public async Task<EmployeeResult> UpdateAsync(Guid id, EmployeeDraft draft, CancellationToken ct = default)
    {
        var (employee, problem) = await FindForWriteAsync(id, ct);
        if (employee is null) return EmployeeResult.Failed(problem!);
        if (draft.StartDate is { } start && start != employee.StartDate)
            return EmployeeResult.Failed(new UserError("DATE_FIXED", "La date d'entrée ne peut plus être modifiée une fois saisie.", "startDate"));
        // The INS travels encrypted from here on, also in a change waiting for staff.
        var request = new EmployeeChangeRequest(Draft: draft with { Ins = null }, ProtectedIns: null);
        if (!string.IsNullOrWhiteSpace(draft.Ins))
        {
            if (Nir.Normalize(draft.Ins) is not { } clear) return EmployeeResult.Failed(new UserError("INVALID_INS", "Le numéro INS (sécurité sociale) est incorrect : vérifiez les 13 caractères et la clé à 2 chiffres.", "ins"));
            request = request with { ProtectedIns = nir.Protect(TenantId, clear) };
        }
        return await RunAsync(employee, EmployeeChangeKind.Update, request, ct);
    }

    /// <summary>The exit: the contract end date, entered once; the open career line closes the same day.</summary>
    public async Task<EmployeeResult> ExitAsync(Guid id, DateOnly endDate, CancellationToken ct = default)
    {
        var (employee, problem) = await FindForWriteAsync(id, ct);
        if (employee is null) return EmployeeResult.Failed(problem!);
        // The same tracked requests the exit cancels when it applies (now, or when staff's acceptance takes effect in sst68).
        var pending = await visitRequests.PendingAsync([employee.Id], ct);
        var afterExit = await appointments.AfterExitAsync([employee.Id], endDate, ct);
        var result = await RunAsync(employee, EmployeeChangeKind.Exit, new EmployeeChangeRequest(EndDate: endDate), ct);
        return result with
        {
            CancelledVisitRequests = pending.Where(r => r.State == VisitRequestState.Cancelled).Select(VisitRequestView.Of).ToList(),
            CancelledAppointments = afterExit.Where(a => a.Cancelled).Select(Appointments.AppointmentView.Of).ToList(),
        };
    }

    /// <summary>A former employee comes back: a new contract from a date after the exit, on a workstation.</summary>
    public async Task<EmployeeResult> ReactivateAsync(Guid id, DateOnly startDate, string? contract, Guid? workstationId, CancellationToken ct = default)
    {
        var (employee, problem) = await FindForWriteAsync(id, ct);
        return employee is null ? EmployeeResult.Failed(problem!)
            : await RunAsync(employee, EmployeeChangeKind.Reactivate, new EmployeeChangeRequest(StartDate: startDate, Contract: contract, WorkstationId: workstationId), ct);
    }

    /// <summary>
    /// A change of workstation (seed 001): the current one closes with an end date and a new one opens
    /// after it. An employee without a workstation just gets one.
    /// </summary>
    public async Task<EmployeeResult> ChangeWorkstationAsync(Guid id, Guid workstationId, string? contract, DateOnly startDate, DateOnly? currentEndDate, CancellationToken ct = default)
    {
        var (employee, problem) = await FindForWriteAsync(id, ct);
        return employee is null ? EmployeeResult.Failed(problem!)
            : await RunAsync(employee, EmployeeChangeKind.ChangeWorkstation,
                new EmployeeChangeRequest(StartDate: startDate, Contract: contract, WorkstationId: workstationId, CurrentEndDate: currentEndDate), ct);
    }

    /// <summary>
    /// Checks a change against the employee as it is, then applies it, or, where the tenant validates
    /// every employer change (sst68), keeps it for staff: it applies the day after their acceptance.
    /// </summary>
    private async Task<EmployeeResult> RunAsync(Employee employee, EmployeeChangeKind kind, EmployeeChangeRequest request, CancellationToken ct)
    {
        var (apply, errors) = await changes.PrepareAsync(employee, kind, request, ct);
        if (apply is null) return EmployeeResult.Failed([.. errors]);
        if (await pendingChanges.MustWaitAsync())
        {
            var pending = await changes.DeferAsync(employee, kind, request, ct);
            return new((await ViewsAsync([employee], ct))[0], []) { Pending = pending };
        }
        apply();
        db.AuditEntries.Record(time, currentUser.UserId, EmployeeChanges.Action(kind), "Employee", employee.Id);
        await db.SaveChangesAsync(ct);
        return new((await ViewsAsync([employee], ct))[0], []);
    }

    /// <summary>A declared employee can be deleted until staff validate it; afterwards only an exit removes it from the list.</summary>
    public async Task<IReadOnlyList<UserError>> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        var (employee, problem) = await FindForWriteAsync(id, ct);
        if (employee is null) return [problem!];
        if (employee.ValidatedAt is not null)
            return [new UserError("VALIDATED_EMPLOYEE", "Ce salarié a été validé par le service : il ne peut plus être supprimé. Enregistrez sa date de sortie.", "id")];
        db.CareerEntries.RemoveRange(await db.CareerEntries.Where(c => c.EmployeeId == id).ToListAsync(ct));
        await appointments.RemoveAllAsync(id, ct);
        await visitRequests.RemoveAllAsync(id, ct);
        db.Employees.Remove(employee);
        db.AuditEntries.Record(time, currentUser.UserId, "employee.deleted", "Employee", employee.Id);
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>Staff of the tenant validate a declared employee.</summary>
    public async Task<EmployeeResult> ValidateAsync(Guid id, CancellationToken ct = default)
    {
        var staff = currentUser.RequireStaff();
        var employee = await db.Employees.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (employee is null) return EmployeeResult.Failed(NotFound);
        if (employee.ValidatedAt is null)
        {
            employee.ValidatedAt = time.GetUtcNow();
            employee.ValidatedByUserId = staff;
            db.AuditEntries.Record(time, staff, "employee.validated", "Employee", employee.Id);
            await db.SaveChangesAsync(ct);
        }
        return new((await ViewsAsync([employee], ct))[0], []);
    }

    /// <summary>Employees waiting for staff validation, oldest first (the staff desk).</summary>
    public async Task<IReadOnlyList<(CompanyView Company, EmployeeView Employee)>> AwaitingValidationAsync(int max = 200, CancellationToken ct = default)
    {
        currentUser.RequireStaff();
        var rows = await db.Employees.AsNoTracking().Where(e => e.ValidatedAt == null).OrderBy(e => e.Id).Take(max).ToListAsync(ct);
        var views = await ViewsAsync(rows, ct);
        var byId = (await companies.GetManyAsync(rows.Select(r => r.CompanyId).Distinct().ToList(), ct)).ToDictionary(c => c.Id);
        return views.Select(v => (byId[v.CompanyId], v)).ToList();
    }

    /// <summary>
    /// "Vérifier la liste" (seeds 001, 003): active employees without a workstation (no visit can be
    /// requested for them), and those whose declared follow-up is not the one their workstation's risks call for.
    /// </summary>
    public async Task<IReadOnlyList<EmployeeCheck>> CheckAsync(Guid companyId, CancellationToken ct = default)
    {
        var active = await AllAsync(companyId, new EmployeeFilter(ActiveOnly: true), ct);
        var checks = new List<EmployeeCheck>();
        foreach (var e in active)
        {
            if (e.CurrentWorkstation is null)
                checks.Add(new(e, EmployeeProblem.NoWorkstation, "Aucun poste de travail (ni code CSP) : attribuez-lui un poste pour pouvoir demander une visite."));
            else if (e.DeclaredFollowUp is { } declared && declared != e.CurrentWorkstation.FollowUp)
                checks.Add(new(e, EmployeeProblem.FollowUpMismatch,
                    $"Suivi déclaré {declared}, alors que les risques du poste « {e.CurrentWorkstation.Label} » relèvent du suivi {e.CurrentWorkstation.FollowUp}."));
        }
        return checks;
    }

    /// <summary>Whether employers may change employees of this company now, or why not (the January lock of sst68).</summary>
    public async Task<UserError?> WriteProblemAsync(Guid companyId, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ManageEmployees, ct);
        if (await LockMessageAsync() is { } message && !currentUser.IsStaff)
            return new UserError("EMPLOYEES_LOCKED", message, "companyId");
        return null;
    }

    /// <summary>The tenant's explanation when the employee section is read-only today, else null.</summary>
    public async Task<string?> LockMessageAsync()
    {
        var rules = await RulesAsync();
        return rules.EmployerChanges.EmployeeSectionLock is { } @lock && time.Today().Month == @lock.Month ? @lock.Message : null;
    }

    private async Task<(Employee? Employee, UserError? Problem)> FindForWriteAsync(Guid id, CancellationToken ct)
    {
        var employee = await db.Employees.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (employee is null || !await access.HasAsync(employee.CompanyId, Permission.ViewEmployees, ct)) return (null, NotFound);
        return await WriteProblemAsync(employee.CompanyId, ct) is { } problem ? (null, problem) : (employee, null);
    }

    internal async Task<bool> AlreadyDeclaredAsync(Guid companyId, CheckedEmployee e, CancellationToken ct)
    {
        var sortName = EmployeeRules.SortName(e.BirthName, e.FirstName);
        return await db.Employees.AnyAsync(x => x.CompanyId == companyId && x.SortName == sortName && x.BirthDate == e.BirthDate, ct);
    }

    internal static UserError AlreadyDeclared(CheckedEmployee e) =>
        new("ALREADY_DECLARED", $"{e.FirstName} {e.BirthName}, né(e) le {e.BirthDate:dd/MM/yyyy}, est déjà déclaré(e) dans l'entreprise : réactivez-le (la) s'il (elle) revient.", "birthName");

    internal async Task<TenantRules> RulesAsync() => (await rulesCache.GetAsync(tenantContext.RequireTenant())).Rules;

    internal async Task<IReadOnlyList<EmployeeView>> ViewsAsync(IReadOnlyList<Employee> rows, CancellationToken ct)
    {
        var byId = await workstations.ViewsByIdAsync(rows.Where(r => r.CurrentWorkstationId is not null).Select(r => r.CurrentWorkstationId!.Value).Distinct().ToList(), ct);
        var today = time.Today();
        return rows.Select(e => new EmployeeView(
            e.Id, e.CompanyId, e.Civility, e.FirstName, e.BirthName, e.MarriedName, e.BirthDate,
            e.MaskedNir, e.Contract, e.StartDate, e.EndDate, e.ValidatedAt is not null,
            e.CurrentWorkstationId is { } w && byId.TryGetValue(w, out var view) ? view : null, e.DeclaredFollowUp, e.EndDate is null || e.EndDate >= today)).ToList();
    }
}
