using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.Declarations;
using Platform.Features.TenantSettings;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Host.Pages.Entreprises;

/// <summary>
/// « Déclaration annuelle » (seeds 000, 003): the wizard of the tenant's steps, one form per step, each
/// saved as it is passed so that a declaration left half-way resumes where it stopped.
/// </summary>
[Authorize]
public sealed class DeclarationModel(
    DeclarationService declarations, DeclarationWizard wizard, CompanyAccess access, CompanyDirectory companies, CompanyProfile profile,
    TenantRulesCache rulesCache, ITenantContext tenantContext, CurrentUser currentUser, MeService me) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromRoute] public int Year { get; set; }
    /// <summary>A step already passed, to look at again (« Précédent »).</summary>
    [FromQuery(Name = "etape")] public DeclarationStep? Requested { get; set; }

    [BindProperty] public string? HadStaff { get; set; }
    [BindProperty] public SituationChange? Kind { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public DateOnly? EffectiveDate { get; set; }
    [BindProperty] public List<string> Chosen { get; set; } = [];
    [BindProperty] public string? Own { get; set; }
    [BindProperty] public PaymentMethod? Payment { get; set; }
    [BindProperty] public bool Certify { get; set; }
    [BindProperty] public bool Terms { get; set; }
    [BindProperty] public string? SignatoryName { get; set; }
    [BindProperty] public string? SignatoryEmail { get; set; }

    public CompanyView Company { get; private set; } = null!;
    public CompanyDetailsView? Details { get; private set; }
    public TenantRules Rules { get; private set; } = null!;
    public DeclarationView Declaration { get; private set; } = null!;
    public DeclarationStep? Step { get; private set; }
    public DeclarationListCheck? ListCheck { get; private set; }
    public bool CanDeclare { get; private set; }
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public string? Message { get; private set; }
    public IReadOnlyList<DeclarationStep> Steps => Rules.Declaration.Steps;

    public static string Label(DeclarationStep step) => DeclarationWizard.StepLabel(step);

    /// <summary>The error of one field, shown beside it; null when none.</summary>
    public UserError? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field);

    /// <summary>Errors no field of the form shows (the year closed, a request already pending…).</summary>
    public IEnumerable<UserError> OtherErrors(params string[] fields) => Errors.Where(e => e.Field is null || !fields.Contains(e.Field));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (TempData["declaration-message"] is string message) Message = message;
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct) =>
        await After(await wizard.StartAsync(Id, Year, ct), null, ct);

    public async Task<IActionResult> OnPostStaffAsync(CancellationToken ct)
    {
        if (HadStaff == "oui") return await After(await wizard.SaveStepAsync(Id, Year, new DeclarationStepAnswer(DeclarationStep.Staff), ct), DeclarationStep.Staff, ct);
        if (HadStaff != "non")
            return await Failed([new UserError("REQUIRED", "Répondez à la question : aviez-vous du personnel au 31 décembre ?", "hadStaff")], DeclarationStep.Staff, ct);
        if (Kind is null)
            return await Failed([new UserError("REQUIRED", "Choisissez une demande de suspension ou de radiation.", "kind")], DeclarationStep.Staff, ct);
        var outcome = await wizard.DeclareNoStaffAsync(Id, Year, Kind.Value, Reason, EffectiveDate, ct);
        if (outcome.Succeeded)
            TempData["declaration-message"] = $"Votre déclaration {Year} sans salarié est transmise, avec votre demande de {(Kind == SituationChange.Suspension ? "suspension" : "radiation")} : le service adhérents va la traiter.";
        return await After(outcome, DeclarationStep.Staff, ct);
    }

    public async Task<IActionResult> OnPostNextAsync(DeclarationStep step, CancellationToken ct)
    {
        var answer = new DeclarationStepAnswer(step)
        {
            Determinants = Chosen,
            OwnDeterminants = (Own ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            PaymentMethod = Payment,
        };
        return await After(await wizard.SaveStepAsync(Id, Year, answer, ct), step, ct);
    }

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken ct)
    {
        var outcome = await wizard.SubmitAsync(new DeclarationSubmission(Id, Year, null, SignatoryName, SignatoryEmail, Certify, Terms), ct);
        if (outcome.Succeeded)
            TempData["declaration-message"] = $"Votre déclaration {Year} est transmise. Un e-mail de confirmation a été envoyé à {outcome.Value!.SignatoryEmail}.";
        return await After(outcome, DeclarationStep.Signature, ct);
    }

    private async Task<IActionResult> After(Outcome<DeclarationView> outcome, DeclarationStep? step, CancellationToken ct)
    {
        if (!outcome.Succeeded) return await Failed(outcome.Errors, step, ct);
        // A filed declaration changed in its edit window keeps no step of its own: go on to the next one.
        if (outcome.Value is { Status: DeclarationStatus.Submitted, HadStaff: true } && step is { } passed && passed != DeclarationStep.Signature)
        {
            var steps = (await rulesCache.GetAsync(tenantContext.RequireTenant())).Rules.Declaration.Steps.ToList();
            if (steps.IndexOf(passed) is var at and >= 0 && at + 1 < steps.Count) return RedirectToPage(new { id = Id, year = Year, etape = steps[at + 1] });
        }
        return RedirectToPage(new { id = Id, year = Year });
    }

    private async Task<IActionResult> Failed(IReadOnlyList<UserError> errors, DeclarationStep? step, CancellationToken ct)
    {
        Requested = step;
        if (!await LoadAsync(ct)) return NotFound();
        Errors = errors;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await access.CanSeeAsync(Id, ct)) return false;
        Rules = (await rulesCache.GetAsync(tenantContext.RequireTenant())).Rules;
        if (await declarations.GetAsync(Id, Year, ct) is not { } declaration) return false;
        Declaration = declaration;
        Company = (await companies.GetAsync(Id, ct))!;
        CanDeclare = await access.HasAsync(Id, Permission.DeclareHeadcount, ct);
        if (CanDeclare && Declaration.Editable && Declaration.Id is not null)
        {
            // In progress: the step it stopped at, or one already passed; filed and editable: any step.
            var reached = Declaration.Status == DeclarationStatus.InProgress && Declaration.Step is { } at ? Steps.ToList().IndexOf(at) : Steps.Count - 1;
            Step = Requested is { } wanted && Steps.Contains(wanted) && Steps.ToList().IndexOf(wanted) <= reached ? wanted
                : Declaration.Status == DeclarationStatus.InProgress ? Declaration.Step ?? Steps[0] : null;
        }
        if (Step == DeclarationStep.Administrative) Details = await profile.GetAsync(Id, ct);
        if (Step is DeclarationStep.Employees or DeclarationStep.Signature) ListCheck = await wizard.ListCheckAsync(Id, Year, ct);
        if (Step == DeclarationStep.Determinants && Request.Method == "GET") Chosen = [.. Declaration.Determinants];
        if (Step == DeclarationStep.Determinants && Own is null) Own = string.Join("\n", Declaration.OwnDeterminants);
        Payment ??= Declaration.PaymentMethod;
        if (Step == DeclarationStep.Signature && Request.Method == "GET")
        {
            SignatoryName = Declaration.SignatoryName ?? currentUser.DisplayName;
            SignatoryEmail = Declaration.SignatoryEmail ?? (await me.GetAsync(ct))?.Email;
        }
        return true;
    }

    public DeclarationStep? Previous => Step is { } s && Steps.ToList().IndexOf(s) > 0 ? Steps[Steps.ToList().IndexOf(s) - 1] : null;
}
