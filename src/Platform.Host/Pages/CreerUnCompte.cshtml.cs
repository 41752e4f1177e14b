using Platform.Tenancy.Resolution;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features;
using Platform.Features.Access;

namespace Platform.Host.Pages;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Platform.Host.Infrastructure.SignInRateLimit.Policy)]
public sealed class CreerUnCompteModel(AccountCreation creation) : PageModel
{
    public bool Open { get; private set; }
    public bool Done { get; private set; }
    public IReadOnlyList<UserError> Errors { get; private set; } = [];
    [BindProperty] public string? FirstName { get; set; }
    [BindProperty] public string? LastName { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? JobFunction { get; set; }
    [BindProperty] public List<string> PortalUses { get; set; } = [];

    public async Task OnGetAsync() => Open = await creation.IsOpenAsync();

    public async Task OnPostAsync()
    {
        Open = await creation.IsOpenAsync();
        Errors = (await creation.CreateAsync(new NewAccount(FirstName, LastName, Email, JobFunction, PortalUses),
            SiteUrl.Of(Request), HttpContext.RequestAborted)).Errors;
        Done = Errors.Count == 0;
    }
}
