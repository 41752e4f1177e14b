using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Companies;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Features.Visits;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Features.Employees;

/// <summary>
/// The declaration of an employee (SPEC.md 3.4, seeds 000, 001): declared by the employer, corrected
/// within what may still change, deleted until staff validate it, validated by staff.
/// </summary>
public sealed class EmployeeDeclarations(
    PlatformDbContext db, EmployeeService employees, EmployeeLock employeeLock, EmployeeChanges changes, CompanyDirectory companies, EmployeeNir nir,
    EmployeeVisitRequests visitRequests, Appointments.EmployeeAppointments appointments, CurrentUser currentUser, ITenantContext tenantContext, TimeProvider time)
{
    private string TenantId => tenantContext.RequireTenant().Slug;

    public async Task<Outcome<EmployeeView>> CreateAsync(Guid companyId, EmployeeDraft draft, CancellationToken ct = default)
    {
        if (await employeeLock.CanWriteAsync(companyId, ct) is { Succeeded: false } locked) return Outcome<EmployeeView>.Fail(locked.Errors);
        var company = (await companies.GetAsync(companyId, ct))!;
        var (employee, errors) = EmployeeRules.Check(draft, time.Today(), company.IsTempWorkerAccount);
        if (employee is null) return Outcome<EmployeeView>.Fail(errors);
        if (await changes.WorkstationProblemAsync(companyId, employee.WorkstationId, ct) is { } workstationProblem) return workstationProblem;
        if (await AlreadyDeclaredAsync(companyId, employee, ct)) return AlreadyDeclared(employee);

        var (entity, _) = await NewAsync(companyId, employee);
        db.AuditEntries.Record(time, currentUser.UserId, "employee.created", "Employee", entity.Id);
        await db.SaveChangesAsync(ct);
        return Outcome<EmployeeView>.Ok((await employees.ViewsAsync([entity], ct))[0]);
    }

    /// <summary>Adds an employee and its first career line to the unit of work (the form, the API and the import).</summary>
    internal async Task<(Employee Employee, CareerEntry? Career)> NewAsync(Guid companyId, CheckedEmployee draft)
    {
        var rules = await employeeLock.RulesAsync();
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
    /// names and the INS (seed 001: "seuls les champs Nom et INS sont modifiables"). The follow-up situation
    /// (<paramref name="situation"/>, replaced whole when given) stays the employer's to keep up to date, validated or not.
    /// </summary>
    public async Task<Outcome<EmployeeView>> UpdateAsync(Guid id, EmployeeDraft draft, EmployeeFollowUpSituation? situation = null, CancellationToken ct = default)
    {
        var found = await employeeLock.FindForWriteAsync(id, ct);
        if (found.Value is not { } employee) return Outcome<EmployeeView>.Fail(found.Errors);
        if (draft.StartDate is { } start && start != employee.StartDate)
            return new UserError("DATE_FIXED", "La date d'entrée ne peut plus être modifiée une fois saisie.", "startDate");
        // The INS travels encrypted from here on, also in a change waiting for staff.
        var request = new EmployeeChangeRequest(Draft: draft with { Ins = null }, ProtectedIns: null, Situation: situation);
        if (!string.IsNullOrWhiteSpace(draft.Ins))
        {
            if (Nir.Normalize(draft.Ins) is not { } clear) return new UserError("INVALID_INS", "Le numéro INS (sécurité sociale) est incorrect : vérifiez les 13 caractères et la clé à 2 chiffres.", "ins");
            request = request with { ProtectedIns = nir.Protect(TenantId, clear) };
        }
        return await changes.ApplyOrDeferAsync(employee, EmployeeChangeKind.Update, request, ct);
    }

    /// <summary>A declared employee can be deleted until staff validate it; afterwards only an exit removes it from the list.</summary>
    public async Task<Outcome> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        var found = await employeeLock.FindForWriteAsync(id, ct);
        if (found.Value is not { } employee) return Outcome.Fail(found.Errors);
        if (employee.ValidatedAt is not null)
            return new UserError("VALIDATED_EMPLOYEE", "Ce salarié a été validé par le service : il ne peut plus être supprimé. Enregistrez sa date de sortie.", "id");
        db.CareerEntries.RemoveRange(await db.CareerEntries.Where(c => c.EmployeeId == id).ToListAsync(ct));
        await appointments.RemoveAllAsync(id, ct);
        await visitRequests.RemoveAllAsync(id, ct);
        db.Employees.Remove(employee);
        db.AuditEntries.Record(time, currentUser.UserId, "employee.deleted", "Employee", employee.Id);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>Staff of the tenant validate a declared employee.</summary>
    public async Task<Outcome<EmployeeView>> ValidateAsync(Guid id, CancellationToken ct = default)
    {
        var staff = currentUser.RequireStaff();
        var employee = await db.Employees.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (employee is null) return EmployeeService.NotFound;
        if (employee.ValidatedAt is null)
        {
            employee.ValidatedAt = time.GetUtcNow();
            employee.ValidatedByUserId = staff;
            db.AuditEntries.Record(time, staff, "employee.validated", "Employee", employee.Id);
            await db.SaveChangesAsync(ct);
        }
        return Outcome<EmployeeView>.Ok((await employees.ViewsAsync([employee], ct))[0]);
    }

    internal async Task<bool> AlreadyDeclaredAsync(Guid companyId, CheckedEmployee e, CancellationToken ct)
    {
        var sortName = EmployeeRules.SortName(e.BirthName, e.FirstName);
        return await db.Employees.AnyAsync(x => x.CompanyId == companyId && x.SortName == sortName && x.BirthDate == e.BirthDate, ct);
    }

    internal static UserError AlreadyDeclared(CheckedEmployee e) =>
        new("ALREADY_DECLARED", $"{e.FirstName} {e.BirthName}, né(e) le {e.BirthDate:dd/MM/yyyy}, est déjà déclaré(e) dans l'entreprise : réactivez-le (la) s'il (elle) revient.", "birthName");
}
