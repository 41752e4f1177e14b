using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Platform.Features.Access;
using Platform.Tenancy;

namespace Platform.Host.Infrastructure;

/// <summary>
/// The portal's sign-in cookie. Browsers keep it per host (no Domain is set), and every request
/// checks that its tenant claim is the tenant of the host (DESIGN.md 3.7). The person's security
/// stamp in it is compared with the database at most once a minute (the time of the last check
/// travels in the cookie, re-issued when checked): a removed staff member, a changed role or a
/// password reset ends the session within the minute, without a database round-trip per request.
/// </summary>
public static class PortalAuthentication
{
    public const string CookieScheme = "Portal";
    /// <summary>Picks the bearer token or the cookie for each request.</summary>
    public const string PlatformScheme = "Platform";
    public const string CookieName = "platform.session";

    public static void AddPortalAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(PlatformScheme)
            .AddPolicyScheme(PlatformScheme, PlatformScheme, o => o.ForwardDefaultSelector = TokenServer.SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ValidatedBearerTokens>(ValidatedBearerTokens.SchemeName, ValidatedBearerTokens.Configure)
            .AddCookie(CookieScheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure: TransportSecurity (always outside Development).
            o.LoginPath = "/connexion";
            o.ReturnUrlParameter = "retour";
            o.ExpireTimeSpan = TimeSpan.FromHours(1);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = ValidateAsync;
            // A signed-in person without the right gets the French 403 page, not a redirect.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        // After AddCookie's own post-configuration, which sets the ticket format this wraps.
        services.AddHttpContextAccessor();
        services.AddSingleton<CookieTicketMemory>();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, RememberedCookieTickets.Setup>();
        services.AddAuthorization();
        services.AddSingleton<SecondFactorTicket>();
        services.AddSingleton<BearerTokenMemory>();
    }

    public static Task SignInPortalAsync(this HttpContext http, SignedInUser user)
    {
        var properties = new AuthenticationProperties();
        properties.Items[StampCheckedItem] = Now(http).ToString("O", CultureInfo.InvariantCulture);
        return http.SignInAsync(CookieScheme, new System.Security.Claims.ClaimsPrincipal(user.ToIdentity(CookieScheme)), properties);
    }

    /// <summary>When the cookie's stamp was last found current (UTC, round-trip format).</summary>
    private const string StampCheckedItem = "platform:stamp-checked";

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var tenant = http.RequestServices.GetRequiredService<ITenantContext>().Current;
        var principal = context.Principal;
        if (tenant is null || principal?.FindFirst(PlatformClaims.Tenant)?.Value != tenant.Slug)
        {
            context.RejectPrincipal();
            return;
        }
        var now = Now(http);
        if (context.Properties.Items.TryGetValue(StampCheckedItem, out var value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var checkedAt)
            && checkedAt <= now && now - checkedAt < Sessions.CookieCheckInterval)
            return;
        if (!Guid.TryParse(principal.FindFirst(PlatformClaims.Subject)?.Value, out var userId)
            || !await http.RequestServices.GetRequiredService<Sessions>()
                .IsCurrentAsync(userId, principal.FindFirst(PlatformClaims.SecurityStamp)?.Value, http.RequestAborted))
        {
            context.RejectPrincipal();
            await http.SignOutAsync(CookieScheme);
            return;
        }
        context.Properties.Items[StampCheckedItem] = now.ToString("O", CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }

    private static DateTimeOffset Now(HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
}

/// <summary>
/// Between a staff member's password and authenticator code: a short-lived protected cookie naming
/// the user and tenant, so that the password never travels twice.
/// </summary>
public sealed class SecondFactorTicket(IDataProtectionProvider provider)
{
    private const string CookieName = "platform.2fa";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly ITimeLimitedDataProtector protector =
        provider.CreateProtector("Platform.Portal.SecondFactor.v1").ToTimeLimitedDataProtector();

    public void Issue(HttpContext http, Guid userId, string tenant) =>
        http.Response.Cookies.Append(CookieName, protector.Protect($"{userId}|{tenant}", Lifetime),
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, MaxAge = Lifetime });

    public Guid? Read(HttpContext http, string tenant)
    {
        if (http.Request.Cookies[CookieName] is not { } value) return null;
        try
        {
            var parts = protector.Unprotect(value).Split('|');
            return parts.Length == 2 && parts[1] == tenant && Guid.TryParse(parts[0], out var id) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // expired or forged
        }
    }

    public void Clear(HttpContext http) => http.Response.Cookies.Delete(CookieName);
}
