using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features.Access;
using Platform.Features.Home;
using Platform.Host.Infrastructure;

namespace Platform.Host.Pages;

/// <summary>The portal's address: the welcome page signed out; signed in, the person's own home.</summary>
public sealed class IndexModel(CurrentUser currentUser, Landing landing) : PageModel
{
    public async Task<IActionResult> OnGetAsync()
    {
        if (currentUser.UserId is null) return Page();
        return LocalRedirect(HomeUrls.Of(await landing.MineAsync(HttpContext.RequestAborted)));
    }
}
