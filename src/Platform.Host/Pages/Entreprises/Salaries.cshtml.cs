using Platform.Host.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.Employees;
using Platform.Features.Imports;

namespace Platform.Host.Pages.Entreprises;

/// <summary>« Effectif » (seeds 001, 003): the list with its filters and pages, the check, the export and the print.</summary>
[Authorize]
public sealed class SalariesModel(EmployeeQueries queries, EmployeeLock employeeLock, CompanyAccess access) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromQuery(Name = "tous")] public bool All { get; set; }
    [FromQuery(Name = "recherche")] public string? Search { get; set; }
    [FromQuery(Name = "poste")] public Guid? WorkstationId { get; set; }
    [FromQuery(Name = "lettre")] public string? Letter { get; set; }
    [FromQuery(Name = "sexe")] public string? Sex { get; set; }
    [FromQuery(Name = "apres")] public string? After { get; set; }
    [FromQuery(Name = "verifier")] public bool Check { get; set; }

    public CompanyView Company { get; private set; } = null!;
    public Page<EmployeeView> List { get; private set; } = null!;
    public IReadOnlyList<WorkstationChoice> Workstations { get; private set; } = [];
    public IReadOnlyList<EmployeeCheck> Checks { get; private set; } = [];
    public string? LockMessage { get; private set; }
    public bool CanManage { get; private set; }

    public EmployeeFilter Filter => new(!All, Search, WorkstationId, string.IsNullOrEmpty(Letter) ? null : Letter[0], Sex);

    /// <summary>The query string of the current filters, for the next page and the exports.</summary>
    public string FilterQuery(string? after = null) => QueryString.Create(new Dictionary<string, string?>
    {
        ["tous"] = All ? "true" : null, ["recherche"] = Search, ["poste"] = WorkstationId?.ToString(), ["lettre"] = Letter, ["sexe"] = Sex, ["apres"] = after,
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    /// <summary>The current filters plus other parameters ("handler=Export&amp;format=csv").</summary>
    public string WithFilters(string extra) => FilterQuery() is { Length: > 0 } filters ? $"{filters}&{extra}" : $"?{extra}";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await access.FindVisibleAsync(Id) is not { } company) return NotFound();
        Company = company;
        List = await queries.ListAsync(Id, Filter, KeysetCursor.DefaultPageSize, After, HttpContext.RequestAborted);
        Workstations = await queries.WorkstationChoicesAsync(Id, HttpContext.RequestAborted);
        if (Check) Checks = await queries.CheckAsync(Id, HttpContext.RequestAborted);
        LockMessage = await employeeLock.LockMessageAsync();
        CanManage = await access.HasAsync(Id, Permission.ManageEmployees);
        return Page();
    }

    /// <summary>The filtered list as a spreadsheet (CSV or XLSX), the INS masked as on screen.</summary>
    public async Task<IActionResult> OnGetExportAsync(string format)
    {
        if (await access.FindVisibleAsync(Id) is not { } company) return NotFound();
        var rows = EmployeeCsv.ExportRows(await queries.AllAsync(Id, Filter, HttpContext.RequestAborted));
        var name = $"salaries-{company.MemberNumber}-{DateTime.UtcNow:yyyyMMdd}";
        return SpreadsheetExport.File(format, name, "Salariés", EmployeeCsv.ExportHeader, rows);
    }
}
