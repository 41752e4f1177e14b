using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.Features.Access;
using Platform.Features.Employees;
using Platform.Features.Imports;
using Platform.Features.Persistence;
using Platform.Features.Regulation;
using Platform.Features.Visits;

namespace Platform.Features.DueVisits;

public enum DueVisitSort { DueByAscending, DueByDescending }

public sealed record DueVisitFilter(VisitType? Type = null, DueVisitSort Sort = DueVisitSort.DueByAscending);

/// <summary>One line of « Salariés à convoquer ».</summary>
public sealed record DueVisitView(
    Guid Id, Guid CompanyId, Guid EmployeeId, string EmployeeName, DueVisitKind Kind, VisitType Type, DateOnly DueFrom, DateOnly DueBy,
    string RuleCode, bool Overdue, Guid? VisitRequestId)
{
    public string KindLabel => DueVisitRules.Label(Kind);
}

/// <summary>
/// « Salariés à convoquer » (SPEC.md 3.5, seed 001 « Demandes à planifier »): every employee of a company
/// with a visit due or overdue, from the rows the nightly refresh stores; and an employee's next visit.
/// </summary>
public sealed class DueVisitList(PlatformDbContext db, CompanyAccess access, TimeProvider time)
{
    public const int ExportMaxRows = 50_000;

    public async Task<Page<DueVisitView>> ListAsync(Guid companyId, DueVisitFilter filter, int? first, string? after, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewAppointments, ct);
        var size = KeysetCursor.PageSize(first);
        var query = Query(companyId, filter);
        var total = await query.CountAsync(ct);
        if (KeysetCursor.Decode(after) is var (key, lastId) && DateOnly.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var lastBy))
            query = filter.Sort == DueVisitSort.DueByDescending
                ? query.Where(d => d.DueBy < lastBy || (d.DueBy == lastBy && d.Id.CompareTo(lastId) > 0))
                : query.Where(d => d.DueBy > lastBy || (d.DueBy == lastBy && d.Id.CompareTo(lastId) > 0));
        var rows = await Ordered(query, filter).Take(size + 1).ToListAsync(ct);
        return KeysetCursor.ToPage(await ViewsAsync(rows, ct), size, total, v => KeysetCursor.Encode(v.DueBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), v.Id));
    }

    /// <summary>Every line, for the export (at most <see cref="ExportMaxRows"/>).</summary>
    public async Task<IReadOnlyList<DueVisitView>> AllAsync(Guid companyId, DueVisitFilter filter, CancellationToken ct = default)
    {
        await access.RequireAsync(companyId, Permission.ViewAppointments, ct);
        return await ViewsAsync(await Ordered(Query(companyId, filter), filter).Take(ExportMaxRows).ToListAsync(ct), ct);
    }

    public static readonly IReadOnlyList<string> ExportHeader = ["Salarié", "Visite", "Type de visite", "À convoquer depuis le", "Échéance", "En retard"];

    public static IEnumerable<IReadOnlyList<string?>> ExportRows(IEnumerable<DueVisitView> visits) =>
        visits.Select(v => (IReadOnlyList<string?>)[v.EmployeeName, v.KindLabel, VisitRules.Label(v.Type), Csv.Date(v.DueFrom == DateOnly.MinValue ? null : v.DueFrom), Csv.Date(v.DueBy), v.Overdue ? "Oui" : "Non"]);

    /// <summary>
    /// The employee's next visit and its deadline, computed now from the facts (not from the nightly rows,
    /// so an employee declared today has theirs). The caller read the employee through EmployeeService, which checked who may.
    /// </summary>
    public async Task<DueVisit?> NextForAsync(EmployeeView employee, CancellationToken ct = default)
    {
        var row = new EmployeeFollowUpRow(employee.Id, employee.CompanyId, employee.BirthDate, employee.StartDate, employee.EndDate, employee.Contract,
            employee.CurrentWorkstation?.Id, employee.Situations, employee.RetirementDate, employee.ExposureEndedOn);
        var facts = await new FollowUpFactsReader(db).ReadAsync([row], wholeTenant: false, ct);
        return DueVisitRules.Next(facts[employee.Id], time.Today());
    }

    // Filtered, ordered and cut on the stored rows (indexed by company and deadline); the names are read after, by key.
    private IQueryable<DueVisitEntry> Query(Guid companyId, DueVisitFilter filter)
    {
        var today = time.Today();
        var visits = db.DueVisitEntries.AsNoTracking().Where(d => d.CompanyId == companyId);
        if (filter.Type is { } type) visits = visits.Where(d => d.Type == type);
        // Employees who left since the last refresh are not convened.
        return visits.Where(d => db.Employees.Any(e => e.Id == d.EmployeeId && (e.EndDate == null || e.EndDate >= today)));
    }

    private static IQueryable<DueVisitEntry> Ordered(IQueryable<DueVisitEntry> query, DueVisitFilter filter) =>
        filter.Sort == DueVisitSort.DueByDescending ? query.OrderByDescending(d => d.DueBy).ThenBy(d => d.Id) : query.OrderBy(d => d.DueBy).ThenBy(d => d.Id);

    // The page's rows in their order, then their employees' names by primary key.
    private async Task<List<DueVisitView>> ViewsAsync(List<DueVisitEntry> rows, CancellationToken ct)
    {
        var today = time.Today();
        var ids = rows.Select(r => r.EmployeeId).Distinct().ToList();
        var names = await db.Employees.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.Civility, e.FirstName, e.BirthName, e.MarriedName }).ToDictionaryAsync(e => e.Id, ct);
        return rows.Select(r =>
        {
            var e = names[r.EmployeeId];
            var name = e.MarriedName is null ? $"{e.BirthName} {e.FirstName}" : $"{e.MarriedName} {e.FirstName} ({(e.Civility == EmployeeRules.Madame ? "née" : "né")} {e.BirthName})";
            return new DueVisitView(r.Id, r.CompanyId, r.EmployeeId, name, r.Kind, r.Type, r.DueFrom, r.DueBy, r.RuleCode, r.DueBy < today, r.VisitRequestId);
        }).ToList();
    }
}
