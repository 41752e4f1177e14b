using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.Employees;
using Platform.Features.Imports;
using Platform.Host.Infrastructure;

namespace Platform.Host.Pages.Entreprises;

/// <summary>The two employee imports of seed 001: « Création de salariés » and « Fins de contrats », with their reference files.</summary>
[Authorize]
[UploadLimit]
public sealed class SalariesImportModel(EmployeeImports imports, EmployeeQueries queries, EmployeeLock employeeLock, CompanyAccess access) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public CompanyView Company { get; private set; } = null!;
    public IReadOnlyList<ImportError> Errors { get; private set; } = [];
    public string? Kind { get; private set; }
    public string? Message { get; private set; }
    public string? LockMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public IActionResult OnGetModeleCreation() => File(EmployeeCsv.NewEmployeesTemplate(), "text/csv; charset=utf-8", EmployeeCsv.NewEmployeesFileName);

    /// <summary>The end-date file comes filled with the active employees, to complete and send back.</summary>
    public async Task<IActionResult> OnGetModeleFinsAsync()
    {
        if (!await access.CanSeeAsync(Id)) return NotFound();
        var active = await queries.AllAsync(Id, new EmployeeFilter(ActiveOnly: true), HttpContext.RequestAborted);
        return File(EmployeeCsv.EndDatesTemplate(active), "text/csv; charset=utf-8", EmployeeCsv.EndDatesFileName);
    }

    public async Task<IActionResult> OnPostCreationAsync(IFormFile? file) => await ImportAsync(file, "creation", imports.ImportNewAsync, "salarié(s) ajouté(s)");

    public async Task<IActionResult> OnPostFinsAsync(IFormFile? file) => await ImportAsync(file, "fins", imports.ImportEndDatesAsync, "date(s) de sortie enregistrée(s)");

    private async Task<IActionResult> ImportAsync(IFormFile? file, string kind, Func<Guid, string, CancellationToken, Task<ImportResult>> import, string done)
    {
        Kind = kind;
        var (text, error) = await CsvUpload.ReadAsync(file, HttpContext.RequestAborted);
        if (error is not null) Errors = [error];
        else
        {
            var result = await import(Id, text!, HttpContext.RequestAborted);
            Errors = result.Errors;
            if (result.Imported > 0) Message = $"Import terminé : {result.Imported} {done} depuis {Path.GetFileName(file!.FileName)}.";
            else if (result.Pending is not null) Message = "Vos dates de sortie sont transmises au service : elles prendront effet le lendemain de leur validation.";
        }
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        if (await access.FindVisibleAsync(Id) is not { } company) return false;
        Company = company;
        LockMessage = await employeeLock.LockMessageAsync();
        return true;
    }
}
