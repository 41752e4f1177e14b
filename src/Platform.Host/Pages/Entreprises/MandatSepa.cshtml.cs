using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.Payments.Sepa;

namespace Platform.Host.Pages.Entreprises;

/// <summary>
/// « Mandat SEPA » (seeds 000/001, 004 « opter pour le prélèvement SEPA »): the mandate's state, the form
/// (holder, IBAN, BIC, acceptance), the e-mailed code that signs it, the receipt, and revocation.
/// </summary>
[Authorize]
public sealed class MandatSepaModel(SepaMandates mandates, CompanyAccess access) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public string? HolderName { get; set; }
    [BindProperty] public string? Iban { get; set; }
    [BindProperty] public string? Bic { get; set; }
    [BindProperty] public bool AcceptMandate { get; set; }
    [BindProperty] public string? Code { get; set; }

    public CompanyView Company { get; private set; } = null!;
    public SepaMandateView? Mandate { get; private set; }
    public bool CanSign { get; private set; }
    public UserError? NotOffered { get; private set; }
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await access.FindVisibleAsync(Id) is not { } company) return NotFound();
        if (!await access.HasAsync(Id, Permission.ViewInvoices)) return Forbid();
        Company = company;
        Mandate = await mandates.GetAsync(Id);
        CanSign = await access.HasAsync(Id, Permission.PayInvoices);
        NotOffered = await mandates.WhyNotOfferedAsync(Id);
        return Page();
    }

    public async Task<IActionResult> OnPostSaisirAsync()
    {
        if (!await access.CanSeeAsync(Id)) return NotFound();
        var result = await mandates.StartAsync(new SepaMandateEntry(Id, HolderName, Iban, Bic, AcceptMandate));
        Errors = result.Errors;
        if (result.Succeeded) Message = "Un code de signature vient de vous être envoyé par e-mail : saisissez-le ci-dessous pour signer le mandat.";
        return await OnGetAsync();
    }

    public async Task<IActionResult> OnPostSignerAsync()
    {
        if (!await access.CanSeeAsync(Id)) return NotFound();
        var result = await mandates.ConfirmAsync(Id, Code,
            new SepaSignatureContext(HttpContext.Connection.RemoteIpAddress?.ToString(), Request.Headers.UserAgent.ToString()));
        Errors = result.Errors;
        if (result.Succeeded) Message = "Le mandat SEPA est signé. Le justificatif vous a été envoyé par e-mail.";
        return await OnGetAsync();
    }

    public async Task<IActionResult> OnPostRevoquerAsync()
    {
        if (!await access.CanSeeAsync(Id)) return NotFound();
        var result = await mandates.RevokeAsync(Id);
        Errors = result.Errors;
        if (result.Succeeded) Message = "Le mandat SEPA est révoqué : aucun nouveau prélèvement ne sera présenté.";
        return await OnGetAsync();
    }
}
