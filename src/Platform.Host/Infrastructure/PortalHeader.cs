using Microsoft.Extensions.Caching.Memory;
using Platform.Features.Access;
using Platform.Features.Demarches;
using Platform.Tenancy;

namespace Platform.Host.Infrastructure;

/// <summary>What the portal's header shows a signed-in person: their companies and how many démarches wait for their decision.</summary>
public sealed record PortalHeaderView(IReadOnlyList<MembershipView> Memberships, int ToDecide);

/// <summary>
/// The header is on every portal page and cost four database commands each time. It is kept per
/// person for a few seconds on this node: it is navigation only (every page checks access itself),
/// and whatever the person sends other than a GET forgets theirs (Forget), so that their own changes
/// show on the page they land on; changes made by others show within Lifetime. With several nodes,
/// the change may go through another node than the next page: the browser then carries the time of
/// its last change (cookie ChangedCookie), and a header kept from before it (with a margin for the
/// nodes' clocks) is read again. So a person's own change shows at once on every node; others' within Lifetime.
/// </summary>
public sealed class PortalHeader(IMemoryCache cache, CompanyAccess access, AccessRequestDecisions decisions, CurrentUser currentUser, ITenantContext tenant,
    IHttpContextAccessor http)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    public const string ChangedCookie = "plateforme-modifie";
    private const long ClockMarginMs = 2000;

    private sealed record Kept(PortalHeaderView View, long LoadedAtMs);

    public async Task<PortalHeaderView> GetAsync(CancellationToken ct = default)
    {
        if (Key(tenant, currentUser) is not { } key) return new([], 0);
        var changedAt = long.TryParse(http.HttpContext?.Request.Cookies[ChangedCookie], out var ms) ? ms : 0;
        if (cache.TryGetValue(key, out Kept? known) && known is not null && known.LoadedAtMs > changedAt + ClockMarginMs) return known.View;
        var loadedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var view = new PortalHeaderView(await access.MyMembershipsAsync(ct), await decisions.CountToDecideAsync(ct));
        cache.Set(key, new Kept(view, loadedAt), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        return view;
    }

    /// <summary>Per tenant and person: a cookie of one tenant never reads another's header.</summary>
    private static string? Key(ITenantContext tenant, CurrentUser user) =>
        tenant.Current is { } t && user.UserId is { } id ? $"portal-header:{t.Slug}:{id:N}" : null;

    /// <summary>Any request of a signed-in person other than GET or HEAD may change what their header shows.</summary>
    /// <summary>Forgotten before (the answer's own page) and after (a page read meanwhile) the change.</summary>
    public static void UseForgetOnChange(IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var key = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ? null
            : Key(http.RequestServices.GetRequiredService<ITenantContext>(), http.RequestServices.GetRequiredService<CurrentUser>());
        if (key is null)
        {
            await next(http);
            return;
        }
        var cache = http.RequestServices.GetRequiredService<IMemoryCache>();
        cache.Remove(key);
        // Real time, not the business clock: it is compared with when headers were read, on any node.
        // A browser's request only: an API client (bearer token) shows no portal header.
        if (string.IsNullOrEmpty(http.Request.Headers.Authorization))
            http.Response.Cookies.Append(ChangedCookie, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                new CookieOptions { HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = Lifetime });
        try { await next(http); }
        finally { cache.Remove(key); }
    });
}
