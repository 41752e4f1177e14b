using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features.Access;
using Platform.Features.TenantSettings;
using Platform.Host.Infrastructure;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Host.Pages;

/// <summary>Sign-in with the tenant's method; staff go on to their authenticator code.</summary>
public sealed class ConnexionModel(ITenantContext tenant, TenantRulesCache rulesCache, SignInService signIn, SecondFactorTicket ticket) : PageModel
{
    public TenantRules Rules { get; private set; } = null!;
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true, Name = "personnel")] public bool Staff { get; set; }
    [BindProperty(SupportsGet = true, Name = "retour")] public string? Retour { get; set; }
    [BindProperty] public string? Identifier { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public bool AsProxy { get; set; }

    public async Task OnGetAsync() => Rules = (await rulesCache.GetAsync(tenant.Current!)).Rules;

    public async Task<IActionResult> OnPostAsync()
    {
        Rules = (await rulesCache.GetAsync(tenant.Current!)).Rules;
        if (string.IsNullOrWhiteSpace(Identifier) || string.IsNullOrEmpty(Password))
        {
            Error = "Indiquez votre identifiant et votre mot de passe.";
            return Page();
        }
        var outcome = await signIn.PasswordAsync(new PasswordSignIn(Identifier, Password,
            HttpContext.Connection.RemoteIpAddress?.ToString(), Request.Headers.UserAgent.ToString(), AsProxy), ct: HttpContext.RequestAborted);
        if (outcome.SecondFactorRequired)
        {
            ticket.Issue(HttpContext, outcome.PendingUserId!.Value, tenant.Current!.Slug);
            return Redirect("/connexion/authentificateur" + (Retour is null ? "" : "?retour=" + Uri.EscapeDataString(Retour)));
        }
        if (!outcome.Succeeded)
        {
            Error = outcome.Error!.Message;
            return Page();
        }
        await HttpContext.SignInPortalAsync(outcome.User!);
        return LocalRedirect(Url.IsLocalUrl(Retour) ? Retour! : "/compte");
    }
}
