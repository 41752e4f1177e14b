using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Declarations;

namespace Platform.Host.Pages.PersonnelDeclarations;

/// <summary>Staff: the annual declarations members filed, to confirm; confirming issues the contribution invoice.</summary>
[Authorize]
public sealed class IndexModel(DeclarationWizard wizard, CurrentUser currentUser) : PageModel
{
    public IReadOnlyList<(string CompanyName, string MemberNumber, DeclarationView Declaration)> Awaiting { get; private set; } = [];
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!currentUser.IsStaff) return Forbid();
        Awaiting = await wizard.AwaitingConfirmationAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmerAsync(Guid declarationId)
    {
        if (!currentUser.IsStaff) return Forbid();
        var outcome = await wizard.ConfirmAsync(declarationId, HttpContext.RequestAborted);
        Errors = outcome.Errors;
        if (outcome.Value is { } d)
            Message = d.Status == DeclarationStatus.Invoiced ? $"Déclaration {d.Year} confirmée : la facture de cotisation est émise." : $"Déclaration {d.Year} confirmée (rien à facturer).";
        return await OnGetAsync();
    }
}
