using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Host.Infrastructure;

namespace Platform.Host.Pages;

public sealed class DeconnexionModel : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(PortalAuthentication.CookieScheme);
        return Redirect("/");
    }
}
