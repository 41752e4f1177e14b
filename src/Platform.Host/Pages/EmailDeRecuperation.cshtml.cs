using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features.Access;

namespace Platform.Host.Pages;

/// <summary>Confirms a new recovery e-mail from the link sent to it (no sign-in needed: the link proves the address).</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Platform.Host.Infrastructure.SignInRateLimit.Policy)]
public sealed class EmailDeRecuperationModel(AccountService accounts) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "jeton")] public string? Jeton { get; set; }
    public bool Posted { get; private set; }
    public bool Done { get; private set; }

    public void OnGet() { }

    public async Task OnPostAsync()
    {
        Posted = true;
        Done = await accounts.ConfirmRecoveryEmailAsync(Jeton, HttpContext.RequestAborted);
    }
}
