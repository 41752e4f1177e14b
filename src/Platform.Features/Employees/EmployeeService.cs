using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Features.Workstations;

namespace Platform.Features.Employees;

/// <summary>
/// The employees of a company as they read (SPEC.md 3.4, seeds 000, 001, 003): the list and its check,
/// one employee, the careers. What changes them lives beside: <see cref="EmployeeDeclarations"/>
/// (declare, correct, delete, validate), <see cref="EmployeeCareers"/> (exit, return, change of
/// workstation), <see cref="EmployeeChanges"/> (checked, applied or kept for staff), <see cref="EmployeeLock"/>
/// (who may change them now, the January lock).
/// </summary>
public sealed class EmployeeService(
    PlatformDbContext db, CompanyAccess access, CompanyDirectory companies, WorkstationService workstations, CurrentUser currentUser, TimeProvider time)
{
    public static readonly UserError NotFound = new("NOT_FOUND", "Ce salarié n'existe pas.", "id");

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
