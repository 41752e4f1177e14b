using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;

namespace Platform.Host.Pages;

/// <summary>The e-mailed activation link: the owner of the address, now proven, chooses the password.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Platform.Host.Infrastructure.SignInRateLimit.Policy)]
public sealed class ActivationModel(AccountCreation creation) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "jeton")] public string? Jeton { get; set; }
    [BindProperty] public string? Password { get; set; }
    public bool ValidLink { get; private set; }
    public bool Activated { get; private set; }
    public IReadOnlyList<UserError> Errors { get; private set; } = [];

    public async Task OnGetAsync() => ValidLink = await creation.IsValidLinkAsync(Jeton, HttpContext.RequestAborted);

    public async Task OnPostAsync()
    {
        Errors = (await creation.ActivateAsync(Jeton, Password, HttpContext.RequestAborted)).Errors;
        Activated = Errors.Count == 0;
        ValidLink = Activated || await creation.IsValidLinkAsync(Jeton, HttpContext.RequestAborted);
    }
}
