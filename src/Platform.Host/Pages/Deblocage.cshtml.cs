using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features.Access;

namespace Platform.Host.Pages;

/// <summary>
/// The owner of a blocked account unlocks it from the e-mailed link. Opening the link only shows a button:
/// mail scanners that open links do not use it up.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Platform.Host.Infrastructure.SignInRateLimit.Policy)]
public sealed class DeblocageModel(SignInLockout lockout) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "jeton")] public string? Jeton { get; set; }
    public bool LinkValid { get; private set; }
    public bool Done { get; private set; }

    public async Task OnGetAsync() => LinkValid = await lockout.IsUnlockLinkValidAsync(Jeton, HttpContext.RequestAborted);

    public async Task OnPostAsync() => Done = await lockout.UnlockWithLinkAsync(Jeton, HttpContext.RequestAborted);
}
