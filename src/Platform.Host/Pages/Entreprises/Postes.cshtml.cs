using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.Imports;
using Platform.Features.Regulation;
using Platform.Features.Workstations;
using Platform.Host.Infrastructure;

namespace Platform.Host.Pages.Entreprises;

/// <summary>« Postes de travail » (seed 001): the list with its follow-up badges, the form, the duplicate confirmation, the import.</summary>
[Authorize]
[UploadLimit]
public sealed class PostesModel(WorkstationService workstations, CompanyAccess access) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromQuery(Name = "clotures")] public bool IncludeClosed { get; set; }
    [FromQuery(Name = "modifier")] public Guid? EditId { get; set; }

    [BindProperty] public string? Label { get; set; }
    [BindProperty] public string? CspCode { get; set; }
    [BindProperty] public List<Risk> Risks { get; set; } = [];
    [BindProperty] public string? RadiationCategory { get; set; }
    [BindProperty] public List<string> CacesCategories { get; set; } = [];
    [BindProperty] public string? OtherRiskDescription { get; set; }
    [BindProperty] public bool ConfirmDuplicate { get; set; }

    public CompanyView Company { get; private set; } = null!;
    public Page<WorkstationView> List { get; private set; } = null!;
    public bool CanManage { get; private set; }
    public WorkstationView? Editing { get; private set; }
    public IReadOnlyList<WorkstationView> Similar { get; private set; } = [];
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public IReadOnlyList<ImportError> ImportErrors { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (EditId is { } editId && await workstations.GetAsync(editId) is { CompanyId: var owner } ws && owner == Id)
        {
            Editing = ws;
            (Label, CspCode, Risks, RadiationCategory, CacesCategories, OtherRiskDescription) =
                (ws.Label, ws.CspCode, ws.Risks.ToList(), ws.RadiationCategory, ws.CacesCategories.ToList(), ws.OtherRiskDescription);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCreerAsync()
    {
        var result = await workstations.CreateAsync(Id, Draft(), ConfirmDuplicate, HttpContext.RequestAborted);
        (Errors, Similar) = (result.Errors.Where(e => e.Code != "CONFIRMATION_REQUIRED").ToList(), result.Value?.Similar ?? []);
        if (result.Value?.Workstation is { } created) { Message = $"Le poste « {created.Label} » est enregistré (suivi {created.FollowUp})."; Clear(); }
        else if (result.Pending is not null) { Message = Waiting; Clear(); }
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostModifierAsync(Guid workstationId)
    {
        var result = await workstations.UpdateAsync(workstationId, Draft(), HttpContext.RequestAborted);
        Errors = result.Errors;
        if (result.Value is { } updated) { Message = $"Le poste « {updated.Label} » est modifié pour tous les salariés qui l'occupent."; Clear(); }
        else if (result.Pending is not null) { Message = Waiting; Clear(); }
        else Editing = await workstations.GetAsync(workstationId);
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSupprimerAsync(Guid workstationId)
    {
        var result = await workstations.DeleteAsync(workstationId, HttpContext.RequestAborted);
        Errors = result.Errors;
        if (result.Pending is not null) Message = Waiting;
        else if (result.Value is { Deleted: true }) Message = "Le poste est supprimé.";
        else if (result.Value?.Closed is { } closed) Message = $"Le poste « {closed.Label} » figure dans la carrière d'anciens salariés : il est clôturé plutôt que supprimé.";
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCloturerAsync(Guid workstationId) => await AfterAsync(await workstations.CloseAsync(workstationId, HttpContext.RequestAborted), "clôturé");

    public async Task<IActionResult> OnPostRouvrirAsync(Guid workstationId) => await AfterAsync(await workstations.ReopenAsync(workstationId, HttpContext.RequestAborted), "rouvert");

    public async Task<IActionResult> OnPostImporterAsync(IFormFile? file)
    {
        var (text, error) = await CsvUpload.ReadAsync(file, HttpContext.RequestAborted);
        if (error is not null) ImportErrors = [error];
        else
        {
            var result = await workstations.ImportAsync(Id, text!, HttpContext.RequestAborted);
            ImportErrors = result.Errors;
            if (result.Pending is not null) Message = Waiting;
            else if (result.Imported > 0) Message = $"{result.Imported} poste(s) importé(s) depuis {Path.GetFileName(file!.FileName)}.";
        }
        return await LoadAsync() ? Page() : NotFound();
    }

    public IActionResult OnGetModele() => File(WorkstationCsv.Template(), "text/csv; charset=utf-8", WorkstationCsv.TemplateFileName);

    private async Task<IActionResult> AfterAsync(Outcome<WorkstationView> result, string done)
    {
        Errors = result.Errors;
        if (result.Value is { } ws) Message = $"Le poste « {ws.Label} » est {done}.";
        else if (result.Pending is not null) Message = Waiting;
        return await LoadAsync() ? Page() : NotFound();
    }

    private const string Waiting = "Votre modification est transmise au service : elle prendra effet le lendemain de sa validation.";

    private WorkstationDraft Draft() => new(Label, CspCode, Risks, RadiationCategory, CacesCategories, OtherRiskDescription);

    private void Clear()
    {
        (Label, CspCode, RadiationCategory, OtherRiskDescription) = (null, null, null, null);
        Risks = [];
        CacesCategories = [];
        ModelState.Clear();
    }

    private async Task<bool> LoadAsync()
    {
        if (await access.FindVisibleAsync(Id) is not { } company) return false;
        Company = company;
        List = await workstations.ListAsync(Id, IncludeClosed, KeysetCursor.MaxPageSize, Request.Query["apres"], HttpContext.RequestAborted);
        CanManage = await access.HasAsync(Id, Permission.ManageEmployees);
        return true;
    }
}
