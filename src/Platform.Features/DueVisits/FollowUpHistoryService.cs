using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Employees;
using Platform.Features.Persistence;
using Platform.Features.Regulation;

namespace Platform.Features.DueVisits;

public sealed record HeldVisitView(Guid Id, Guid EmployeeId, HeldVisitKind Kind, DateOnly HeldOn, string Source);
public sealed record AbsenceView(Guid Id, Guid EmployeeId, AbsenceNature Nature, DateOnly FirstDay, DateOnly ReturnOn);

/// <summary>
/// The follow-up history the due rules start from: past visits that staff enter (before appointments
/// existed, or held elsewhere), absences the employer or staff declare. Each change refreshes the
/// employee's due visits at once.
/// </summary>
public sealed class FollowUpHistoryService(PlatformDbContext db, CompanyAccess access, CurrentUser currentUser, EmployeeQueries employees,
    DueVisitsRefresh refresh, TimeProvider time)
{
    /// <summary>Staff only: a medical visit is a fact of the health service, not of the employer.</summary>
    public async Task<Outcome<HeldVisitView>> RecordVisitAsync(Guid employeeId, HeldVisitKind kind, DateOnly heldOn, CancellationToken ct = default)
    {
        currentUser.RequireUserId();
        if (!currentUser.IsStaff) throw new AccessDeniedException(AccessDenial.Forbidden);
        var employee = await employees.GetAsync(employeeId, ct);
        if (employee is null) return EmployeeService.NotFound with { Field = "employeeId" };
        if (heldOn > time.Today()) return new UserError("FUTURE_DATE", "La date d'une visite passée ne peut pas être dans le futur.", "heldOn");
        if (heldOn < employee.BirthDate) return new UserError("BEFORE_BIRTH", "La date de la visite précède la date de naissance du salarié.", "heldOn");
        var visit = new HeldVisit { CompanyId = employee.CompanyId, EmployeeId = employee.Id, Kind = kind, HeldOn = heldOn, RecordedByUserId = currentUser.UserId, RecordedAt = time.GetUtcNow() };
        db.HeldVisits.Add(visit);
        db.AuditEntries.Record(time, currentUser.UserId, "held-visit.recorded", "Employee", employee.Id, $$"""{"kind":"{{kind}}"}""");
        await db.SaveChangesAsync(ct);
        await refresh.RefreshEmployeeAsync(employee.Id, ct);
        return Outcome<HeldVisitView>.Ok(new(visit.Id, visit.EmployeeId, visit.Kind, visit.HeldOn, visit.Source));
    }

    /// <summary>The employer (who requests visits) or staff declare an absence; a return-to-work visit follows when the code asks for one.</summary>
    public async Task<Outcome<AbsenceView>> RecordAbsenceAsync(Guid employeeId, AbsenceNature nature, DateOnly firstDay, DateOnly returnOn, CancellationToken ct = default)
    {
        var employee = await employees.GetAsync(employeeId, ct);
        if (employee is null) return EmployeeService.NotFound with { Field = "employeeId" };
        if (!currentUser.IsStaff) await access.RequireAsync(employee.CompanyId, Permission.RequestVisits, ct);
        if (returnOn <= firstDay) return new UserError("RETURN_BEFORE_START", "La date de reprise doit suivre le premier jour d'absence.", "returnOn");
        if (firstDay < employee.StartDate) return new UserError("BEFORE_HIRING", "L'absence commence avant l'entrée du salarié dans l'entreprise.", "firstDay");
        var absence = new EmployeeAbsence
        {
            CompanyId = employee.CompanyId, EmployeeId = employee.Id, Nature = nature, FirstDay = firstDay, ReturnOn = returnOn,
            RecordedByUserId = currentUser.UserId, RecordedAt = time.GetUtcNow(),
        };
        db.EmployeeAbsences.Add(absence);
        db.AuditEntries.Record(time, currentUser.UserId, "absence.recorded", "Employee", employee.Id, $$"""{"nature":"{{nature}}"}""");
        await db.SaveChangesAsync(ct);
        await refresh.RefreshEmployeeAsync(employee.Id, ct);
        return Outcome<AbsenceView>.Ok(new(absence.Id, absence.EmployeeId, absence.Nature, absence.FirstDay, absence.ReturnOn));
    }

    /// <summary>The employee's past visits, newest first (whoever may see the employee).</summary>
    public async Task<IReadOnlyList<HeldVisitView>> VisitsAsync(Guid employeeId, CancellationToken ct = default)
    {
        if (await employees.GetAsync(employeeId, ct) is null) return [];
        return await db.HeldVisits.AsNoTracking().Where(v => v.EmployeeId == employeeId).OrderByDescending(v => v.HeldOn)
            .Select(v => new HeldVisitView(v.Id, v.EmployeeId, v.Kind, v.HeldOn, v.Source)).ToListAsync(ct);
    }
}
