using Platform.Tenancy.Resolution;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features.Access;
using Platform.Features.TenantSettings;
using Platform.Host.Infrastructure;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Host.Pages;

/// <summary>Sign-in with the tenant's method; staff go on to their authenticator code.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Platform.Host.Infrastructure.SignInRateLimit.Policy)]
public sealed class ConnexionModel(
    ITenantContext tenant, TenantRulesCache rulesCache, SignInService signIn, EmailCodeSignIn emailCodes, SecondFactorTicket ticket) : PageModel
{
    public TenantRules Rules { get; private set; } = null!;
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true, Name = "personnel")] public bool Staff { get; set; }
    [BindProperty(SupportsGet = true, Name = "retour")] public string? Retour { get; set; }
    [BindProperty] public string? Identifier { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public bool AsProxy { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Code { get; set; }
    public bool CodeSent { get; private set; }

    public async Task OnGetAsync() => Rules = (await rulesCache.GetAsync(tenant.Current!)).Rules;

    public async Task<IActionResult> OnPostAsync()
    {
        Rules = (await rulesCache.GetAsync(tenant.Current!)).Rules;
        // Where adherents sign in with an e-mailed code (sist-on), only staff have a password.
        var byCode = Rules.Login.Proof == LoginProof.EmailCode && !Staff;
        if (byCode && (string.IsNullOrWhiteSpace(Identifier) || string.IsNullOrEmpty(Password)))
        {
            Error = "Indiquez votre adresse e-mail : un code de connexion vous sera envoyé.";
            return Page();
        }
        if (string.IsNullOrWhiteSpace(Identifier) || string.IsNullOrEmpty(Password))
        {
            Error = Rules.Login.Identifier == LoginIdentifier.Email || Staff
                ? "Indiquez votre adresse e-mail et votre mot de passe."
                : "Indiquez votre numéro d'adhérent et votre mot de passe.";
            return Page();
        }
        var outcome = await signIn.PasswordAsync(new PasswordSignIn(Identifier, Password,
            HttpContext.Connection.RemoteIpAddress?.ToString(), Request.Headers.UserAgent.ToString(), AsProxy, SiteUrl.Of(Request)),
            ct: HttpContext.RequestAborted);
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
        return await SignInAsync(outcome.User!);
    }

    /// <summary>E-mail code tenants, step 1: send a code (the same answer whether the e-mail is known or not).</summary>
    public async Task<IActionResult> OnPostCodeAsync()
    {
        Rules = (await rulesCache.GetAsync(tenant.Current!)).Rules;
        var requested = await emailCodes.RequestAsync(Email, HttpContext.RequestAborted);
        if (!requested.Succeeded) Error = requested.Errors[0].Message;
        else CodeSent = true;
        return Page();
    }

    /// <summary>E-mail code tenants, step 2: the code from the e-mail.</summary>
    public async Task<IActionResult> OnPostVerifierAsync()
    {
        Rules = (await rulesCache.GetAsync(tenant.Current!)).Rules;
        var outcome = await emailCodes.VerifyAsync(Email, Code, HttpContext.Connection.RemoteIpAddress?.ToString(),
            Request.Headers.UserAgent.ToString(), HttpContext.RequestAborted);
        if (outcome.Succeeded) return await SignInAsync(outcome.User!);
        Error = outcome.Error!.Message;
        CodeSent = true;
        return Page();
    }

    private async Task<IActionResult> SignInAsync(SignedInUser user)
    {
        await HttpContext.SignInPortalAsync(user);
        return LocalRedirect(await HomeUrls.AfterSignInAsync(HttpContext, user, Url.IsLocalUrl(Retour) ? Retour : null));
    }
}
