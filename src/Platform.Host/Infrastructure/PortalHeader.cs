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
/// show on the page they land on; changes made by others show within Lifetime.
/// </summary>
public sealed class PortalHeader(IMemoryCache cache, CompanyAccess access, AccessRequestDecisions decisions, CurrentUser currentUser, ITenantContext tenant)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public async Task<PortalHeaderView> GetAsync(CancellationToken ct = default)
    {
        if (Key(tenant, currentUser) is not { } key) return new([], 0);
        if (cache.TryGetValue(key, out PortalHeaderView? known) && known is not null) return known;
        var view = new PortalHeaderView(await access.MyMembershipsAsync(ct), await decisions.CountToDecideAsync(ct));
        cache.Set(key, view, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
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
        try { await next(http); }
        finally { cache.Remove(key); }
    });
}
