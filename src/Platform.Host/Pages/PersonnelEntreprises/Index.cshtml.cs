using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.PendingChanges;

namespace Platform.Host.Pages.PersonnelEntreprises;

/// <summary>Staff: employers' changes to validate, situation requests to decide, and the health team of a member company.</summary>
[Authorize]
public sealed class IndexModel(PendingChanges changes, SituationRequests situations, HealthTeams teams, CompanyDirectory companies, CurrentUser currentUser) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "adherent")] public string? MemberNumber { get; set; }
    [BindProperty] public string? Doctor { get; set; }
    [BindProperty] public string? Nurses { get; set; }
    [BindProperty] public string? MedicalSecretary { get; set; }
    [BindProperty] public string? MedicalSecretaryPhone { get; set; }
    [BindProperty] public string? MedicalSecretaryEmail { get; set; }
    [BindProperty] public string? Iprp { get; set; }
    [BindProperty] public string? Asst { get; set; }
    [BindProperty] public string? PreventionAdviser { get; set; }
    [BindProperty] public string? CentreName { get; set; }
    [BindProperty] public string? CentreAddress { get; set; }
    [BindProperty] public string? OpeningHours { get; set; }

    public IReadOnlyList<PendingChangeView> Changes { get; private set; } = [];
    public IReadOnlyList<SituationRequestView> Situations { get; private set; } = [];
    public CompanyView? Company { get; private set; }
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!currentUser.IsStaff) return Forbid();
        await LoadAsync();
        if (Company is not null && await teams.GetAsync(Company.Id, HttpContext.RequestAborted) is { } t)
            (Doctor, Nurses, MedicalSecretary, MedicalSecretaryPhone, MedicalSecretaryEmail, Iprp, Asst, PreventionAdviser, CentreName, CentreAddress, OpeningHours) =
                (t.Doctor, string.Join(", ", t.Nurses), t.MedicalSecretary, t.MedicalSecretaryPhone, t.MedicalSecretaryEmail, t.Iprp, t.Asst, t.PreventionAdviser, t.CentreName, t.CentreAddress, t.OpeningHours);
        return Page();
    }

    public async Task<IActionResult> OnPostModificationAsync(Guid changeId, bool accept)
    {
        var decided = await changes.DecideAsync(changeId, accept, ct: HttpContext.RequestAborted);
        Errors = decided.Errors;
        if (decided.Value is { } change) Message = DecisionMessage(change, accept);
        return await ReloadAsync();
    }

    public async Task<IActionResult> OnPostSituationAsync(Guid requestId, bool accept)
    {
        var decided = await situations.DecideAsync(requestId, accept, HttpContext.RequestAborted);
        Errors = decided.Errors;
        if (decided.Value is { } request) Message = $"Demande {Platform.Tenancy.Naming.FrenchGrammar.De(request.CompanyName)} {(accept ? "acceptée" : "refusée")}.";
        return await ReloadAsync();
    }

    public async Task<IActionResult> OnPostEquipeAsync()
    {
        if (!currentUser.IsStaff) return Forbid();
        await LoadAsync();
        if (Company is null) { Errors = [new UserError("NOT_FOUND", "Aucun adhérent ne porte ce numéro.", "adherent")]; return Page(); }
        var nurses = (Nurses ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var set = await teams.SetAsync(Company.Id, new HealthTeamView(Doctor, nurses, MedicalSecretary, MedicalSecretaryPhone, MedicalSecretaryEmail, Iprp, Asst, PreventionAdviser, CentreName, CentreAddress, OpeningHours), HttpContext.RequestAborted);
        Errors = set.Errors;
        if (set.Value is not null) Message = $"L'équipe santé {Platform.Tenancy.Naming.FrenchGrammar.De(Company.Name)} est enregistrée.";
        return Page();
    }

    public static string DecisionMessage(PendingChangeView change, bool accept) =>
        accept ? $"Modification {Platform.Tenancy.Naming.FrenchGrammar.De(change.Subject)} acceptée : elle prend effet le {change.EffectiveOn:dd/MM/yyyy}." : $"Modification {Platform.Tenancy.Naming.FrenchGrammar.De(change.Subject)} refusée.";

    private async Task<IActionResult> ReloadAsync()
    {
        if (!currentUser.IsStaff) return Forbid();
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Changes = await changes.AwaitingDecisionAsync(k => !PendingChanges.IsEmployeeKind(k), HttpContext.RequestAborted);
        Situations = await situations.AwaitingDecisionAsync(HttpContext.RequestAborted);
        Company = await companies.FindByMemberNumberAsync(MemberNumber, HttpContext.RequestAborted);
    }
}
