using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;

namespace Platform.Host.Pages;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Platform.Host.Infrastructure.SignInRateLimit.Policy)]
public sealed class NouveauMotDePasseModel(PasswordReset reset) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "jeton")] public string? Jeton { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    public bool LinkValid { get; private set; }
    public bool Done { get; private set; }
    public IReadOnlyList<UserError> Errors { get; private set; } = [];

    public async Task OnGetAsync() => LinkValid = await reset.IsValidAsync(Jeton, HttpContext.RequestAborted);

    public async Task OnPostAsync()
    {
        Errors = (await reset.ResetAsync(Jeton, NewPassword, HttpContext.RequestAborted)).Errors;
        Done = Errors.Count == 0;
        LinkValid = Done || Errors.All(e => e.Code != "LINK_EXPIRED");
    }
}
