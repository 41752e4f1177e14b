using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Features.Workstations;

namespace Platform.Features.Employees;

/// <summary>
/// The employees of a company (SPEC.md 3.4, seeds 000, 001, 003): what the pieces share, and the staff
/// desk's list of employees to validate. Reading them lives in <see cref="EmployeeQueries"/>; changing them
/// in <see cref="EmployeeDeclarations"/> (declare, correct, delete, validate), <see cref="EmployeeCareers"/>
/// (exit, return, change of workstation), <see cref="EmployeeChanges"/> (checked, applied or kept for
/// staff) and <see cref="EmployeeLock"/> (who may change them now, the January lock).
/// </summary>
public sealed class EmployeeService(
    PlatformDbContext db, CompanyDirectory companies, WorkstationService workstations, CurrentUser currentUser, TimeProvider time)
{
    public static readonly UserError NotFound = new("NOT_FOUND", "Ce salarié n'existe pas.", "id");

    /// <summary>Employees waiting for staff validation, oldest first (the staff desk).</summary>
    public async Task<IReadOnlyList<(CompanyView Company, EmployeeView Employee)>> AwaitingValidationAsync(int max = 200, CancellationToken ct = default)
    {
        currentUser.RequireStaff();
        var rows = await db.Employees.AsNoTracking().Where(e => e.ValidatedAt == null).OrderBy(e => e.Id).Take(max).ToListAsync(ct);
        var views = await ViewsAsync(rows, ct);
        var byId = (await companies.GetManyAsync(rows.Select(r => r.CompanyId).Distinct().ToList(), ct)).ToDictionary(c => c.Id);
        return views.Select(v => (byId[v.CompanyId], v)).ToList();
    }

    /// <summary>The views of employees a writer just changed (their current workstation read in one query).</summary>
    internal async Task<IReadOnlyList<EmployeeView>> ViewsAsync(IReadOnlyList<Employee> rows, CancellationToken ct)
    {
        var byId = await workstations.ViewsByIdAsync(rows.Where(r => r.CurrentWorkstationId is not null).Select(r => r.CurrentWorkstationId!.Value).Distinct().ToList(), ct);
        var today = time.Today();
        return rows.Select(e => new EmployeeView(
            e.Id, e.CompanyId, e.Civility, e.FirstName, e.BirthName, e.MarriedName, e.BirthDate,
            e.MaskedNir, e.Contract, e.StartDate, e.EndDate, e.ValidatedAt is not null,
            e.CurrentWorkstationId is { } w && byId.TryGetValue(w, out var view) ? view : null, e.DeclaredFollowUp, e.EndDate is null || e.EndDate >= today)
        {
            Situations = e.Situations, RetirementDate = e.RetirementDate, ExposureEndedOn = e.ExposureEndedOn,
        }).ToList();
    }
}
