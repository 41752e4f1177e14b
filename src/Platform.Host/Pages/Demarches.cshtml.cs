using Platform.Tenancy.Resolution;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;

namespace Platform.Host.Pages;

[Authorize]
public sealed class DemarchesModel(AccessRequests requests, CompanyAccess access) : PageModel
{
    public TimeZoneInfo Paris => Platform.Features.Regulation.FrenchTime.Paris;
    public IReadOnlyList<AccessRequestView> Mine { get; private set; } = [];
    public IReadOnlyList<AccessRequestView> ToDecide { get; private set; } = [];
    public IReadOnlyList<RoleDefinition> Catalogue { get; private set; } = [];
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public string? Message { get; private set; }

    [BindProperty] public string? MemberNumber { get; set; }
    [BindProperty] public string? Siren { get; set; }
    [BindProperty] public string? Siret { get; set; }
    [BindProperty] public string? NewSiret { get; set; }
    [BindProperty] public string? FormerEmail { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostSynchroniserAsync()
    {
        var outcome = await requests.SynchronizeAsync(MemberNumber, Siren, HttpContext.RequestAborted);
        if (outcome.Company is { } company) return Redirect($"/entreprises/{company.Id}");
        return await ShowAsync(outcome, "");
    }

    public async Task<IActionResult> OnPostGestionAsync() =>
        await ShowAsync(await requests.RequestManagementAsync(MemberNumber, Siret, SiteUrl.Of(Request), HttpContext.RequestAborted),
            "Votre demande de gestion a été envoyée à l'administrateur. Vous recevrez un e-mail lorsqu'il l'aura traitée.");

    public async Task<IActionResult> OnPostAdministrateurAsync() =>
        await ShowAsync(await requests.RequestAdministratorChangeAsync(MemberNumber, Siret, FormerEmail, HttpContext.RequestAborted),
            "Le service adhérents traitera votre demande dans les meilleurs délais. Vous recevrez un e-mail lorsqu'il vous aura donné les droits d'accès.");

    public async Task<IActionResult> OnPostRachatAsync() =>
        await ShowAsync(await requests.ReportTakeoverAsync(MemberNumber, Siret, NewSiret, Description, HttpContext.RequestAborted),
            "Votre signalement a été transmis au service adhérents.");

    public async Task<IActionResult> OnPostFusionAsync() =>
        await ShowAsync(await requests.RequestMergerAsync(Description, HttpContext.RequestAborted),
            "Le service prendra contact avec vous. Vous recevrez un e-mail lorsqu'il aura validé la fusion/absorption.");

    public async Task<IActionResult> OnPostAccepterAsync(Guid requestId) =>
        await ShowAsync(await requests.DecideAsync(requestId, accept: true, Roles, HttpContext.RequestAborted), "La démarche a été acceptée.");

    public async Task<IActionResult> OnPostRefuserAsync(Guid requestId) =>
        await ShowAsync(await requests.DecideAsync(requestId, accept: false, null, HttpContext.RequestAborted), "La démarche a été refusée.");

    private async Task<IActionResult> ShowAsync(RequestOutcome outcome, string success)
    {
        Errors = outcome.Errors;
        if (Errors.Count == 0) Message = success;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Mine = await requests.MineAsync(HttpContext.RequestAborted);
        ToDecide = await requests.ToDecideAsync(HttpContext.RequestAborted);
        Catalogue = await access.CatalogueAsync();
    }
}
