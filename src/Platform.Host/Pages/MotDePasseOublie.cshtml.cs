using Platform.Tenancy.Resolution;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Features.Access;
using Platform.Features.TenantSettings;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Host.Pages;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Platform.Host.Infrastructure.SignInRateLimit.Policy)]
public sealed class MotDePasseOublieModel(ITenantContext tenant, TenantRulesCache rulesCache, PasswordReset reset) : PageModel
{
    public TenantRules Rules { get; private set; } = null!;
    public bool Sent { get; private set; }
    [BindProperty] public string? Identifier { get; set; }

    public async Task OnGetAsync() => Rules = (await rulesCache.GetAsync(tenant.Current!)).Rules;

    public async Task OnPostAsync()
    {
        Rules = (await rulesCache.GetAsync(tenant.Current!)).Rules;
        await reset.RequestAsync(Identifier, asProxy: true, SiteUrl.Of(Request), HttpContext.RequestAborted);
        Sent = true;
    }
}
