using Platform.Tenancy.Resolution;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features.Access;
using Platform.Host.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Pages;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Platform.Host.Infrastructure.SignInRateLimit.Policy)]
public sealed class ConnexionAuthentificateurModel(ITenantContext tenant, SignInService signIn, SecondFactorTicket ticket) : PageModel
{
    public string? Error { get; private set; }
    [BindProperty(SupportsGet = true, Name = "retour")] public string? Retour { get; set; }
    [BindProperty] public string? Code { get; set; }

    public IActionResult OnGet() =>
        ticket.Read(HttpContext, tenant.Current!.Slug) is null ? Redirect("/connexion?personnel=true") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (ticket.Read(HttpContext, tenant.Current!.Slug) is not { } userId)
            return Redirect("/connexion?personnel=true");
        var outcome = await signIn.SecondFactorAsync(userId, Code, HttpContext.Connection.RemoteIpAddress?.ToString(),
            Request.Headers.UserAgent.ToString(), SiteUrl.Of(Request), HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            Error = outcome.Error!.Message;
            return Page();
        }
        ticket.Clear(HttpContext);
        await HttpContext.SignInPortalAsync(outcome.User!);
        return LocalRedirect(await HomeUrls.AfterSignInAsync(HttpContext, outcome.User!, Url.IsLocalUrl(Retour) ? Retour : null));
    }
}
