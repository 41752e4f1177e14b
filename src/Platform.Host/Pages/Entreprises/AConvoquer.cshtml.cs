using Platform.Host.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.DueVisits;
using Platform.Features.Imports;
using Platform.Features.Visits;

namespace Platform.Host.Pages.Entreprises;

/// <summary>
/// « Salariés à convoquer » (seed 001 « Demandes à planifier »): the employees with a visit due or
/// overdue, by deadline, filtered by type; CSV and Excel export. Who may see it is checked in DueVisitList.
/// </summary>
[Authorize]
public sealed class AConvoquerModel(DueVisitList dueVisits, CompanyAccess access) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromQuery(Name = "type")] public VisitType? Type { get; set; }
    [FromQuery(Name = "tri")] public string? Sort { get; set; }
    [FromQuery(Name = "apres")] public string? After { get; set; }

    public CompanyView Company { get; private set; } = null!;
    public Page<DueVisitView> List { get; private set; } = null!;
    public bool CanRequest { get; private set; }

    public DueVisitFilter Filter => new(Type, Sort == "desc" ? DueVisitSort.DueByDescending : DueVisitSort.DueByAscending);

    public string FilterQuery(string? after = null, string? extra = null)
    {
        var query = QueryString.Create(new Dictionary<string, string?> { ["type"] = Type?.ToString(), ["tri"] = Sort == "desc" ? "desc" : null, ["apres"] = after }
            .Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
        return extra is null ? query : query.Length > 0 ? $"{query}&{extra}" : $"?{extra}";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await access.FindVisibleAsync(Id) is not { } company) return NotFound();
        Company = company;
        List = await dueVisits.ListAsync(Id, Filter, KeysetCursor.DefaultPageSize, After, HttpContext.RequestAborted);
        CanRequest = await access.HasAsync(Id, Permission.RequestVisits);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(string format)
    {
        if (await access.FindVisibleAsync(Id) is not { } company) return NotFound();
        var rows = DueVisitList.ExportRows(await dueVisits.AllAsync(Id, Filter, HttpContext.RequestAborted));
        var name = $"salaries-a-convoquer-{company.MemberNumber}-{DateTime.UtcNow:yyyyMMdd}";
        return SpreadsheetExport.File(format, name, "Salariés à convoquer", DueVisitList.ExportHeader, rows);
    }
}
