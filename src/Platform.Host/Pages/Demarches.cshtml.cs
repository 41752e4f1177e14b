using Platform.Tenancy.Resolution;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Demarches;
using Platform.Tenancy.Rules;

namespace Platform.Host.Pages;

[Authorize]
public sealed class DemarchesModel(
    AccessRequestDecisions decisions, CompanySynchronization synchronization, ManagementRequests management, AdministratorChanges administratorChanges,
    TakeoverReports takeovers, MergerRequests mergers, DemarcheSupport support, CompanyAccess access) : PageModel
{
    public TimeZoneInfo Paris => Platform.Features.Regulation.FrenchTime.Paris;
    public IReadOnlyList<AccessRequestView> Mine { get; private set; } = [];
    public IReadOnlyList<AccessRequestView> ToDecide { get; private set; } = [];
    public IReadOnlyList<RoleDefinition> Catalogue { get; private set; } = [];
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    /// <summary>The démarches this tenant offers (its rules): only these forms are shown.</summary>
    public DemarcheRules Offered { get; private set; } = new();
    public string? Message { get; private set; }

    [BindProperty] public string? MemberNumber { get; set; }
    [BindProperty] public string? Siren { get; set; }
    [BindProperty] public string? Siret { get; set; }
    [BindProperty] public string? NewSiret { get; set; }
    [BindProperty] public string? FormerEmail { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostSynchroniserAsync() =>
        await ShowAsync(await synchronization.StartAsync(MemberNumber, Siren, HttpContext.RequestAborted),
            "Votre demande de synchronisation est enregistrée. Si ce numéro d'adhérent et ce SIREN correspondent à un adhérent dont nous connaissons un contact, "
            + "un code de confirmation vient de lui être envoyé par e-mail : saisissez-le dans « Mes démarches » pour terminer. Sinon, le service adhérents examinera votre demande.");

    public async Task<IActionResult> OnPostCodeAsync(Guid requestId)
    {
        var outcome = await synchronization.ConfirmAsync(requestId, Code, HttpContext.RequestAborted);
        if (outcome.Value?.Company is { } company) return Redirect($"/entreprises/{company.Id}");
        return await ShowAsync(outcome.Errors, "");
    }

    public async Task<IActionResult> OnPostGestionAsync()
    {
        var outcome = await management.RequestAsync(MemberNumber, Siret, SiteUrl.Of(Request), HttpContext.RequestAborted);
        return await ShowAsync(outcome.Errors, outcome.Value?.AddressedToStaff == true
            ? "Cet adhérent n'a plus d'administrateur : votre demande de gestion a été transmise au service adhérents, qui la traitera. Vous recevrez un e-mail de sa décision."
            : "Votre demande de gestion a été envoyée à l'administrateur. Vous recevrez un e-mail lorsqu'il l'aura traitée.");
    }

    public async Task<IActionResult> OnPostAdministrateurAsync() =>
        await ShowAsync(await administratorChanges.RequestAsync(MemberNumber, Siret, FormerEmail, HttpContext.RequestAborted),
            "Le service adhérents traitera votre demande dans les meilleurs délais. Vous recevrez un e-mail lorsqu'il vous aura donné les droits d'accès.");

    public async Task<IActionResult> OnPostRachatAsync() =>
        await ShowAsync(await takeovers.ReportAsync(MemberNumber, Siret, NewSiret, Description, HttpContext.RequestAborted),
            "Votre signalement a été transmis au service adhérents.");

    public async Task<IActionResult> OnPostFusionAsync() =>
        await ShowAsync(await mergers.RequestAsync(Description, HttpContext.RequestAborted),
            "Le service prendra contact avec vous. Vous recevrez un e-mail lorsqu'il aura validé la fusion/absorption.");

    public async Task<IActionResult> OnPostAccepterAsync(Guid requestId) =>
        await ShowAsync(await decisions.DecideAsync(requestId, accept: true, Roles, HttpContext.RequestAborted), "La démarche a été acceptée.");

    public async Task<IActionResult> OnPostRefuserAsync(Guid requestId) =>
        await ShowAsync(await decisions.DecideAsync(requestId, accept: false, null, HttpContext.RequestAborted), "La démarche a été refusée.");

    private async Task<IActionResult> ShowAsync(Outcome<Synchronization> outcome, string success) => await ShowAsync(outcome.Errors, success);

    private async Task<IActionResult> ShowAsync(Outcome<AccessRequestView> outcome, string success) => await ShowAsync(outcome.Errors, success);

    private async Task<IActionResult> ShowAsync(IReadOnlyList<UserError> errors, string success)
    {
        Errors = errors;
        if (Errors.Count == 0) Message = success;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Offered = (await support.RulesAsync()).Demarches;
        Mine = await decisions.MineAsync(HttpContext.RequestAborted);
        ToDecide = await decisions.ToDecideAsync(HttpContext.RequestAborted);
        Catalogue = await access.CatalogueAsync();
    }
}
