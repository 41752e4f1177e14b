using Platform.Features.Home;

namespace Platform.Host.Infrastructure;

/// <summary>The portal's address of each kind of home (Features decides whose home is which).</summary>
public static class HomeUrls
{
    public static string Of(HomePage home) => home.Kind switch
    {
        HomeKind.Rules => "/administration/regles",
        HomeKind.StaffDesk => "/personnel",
        HomeKind.Company => $"/entreprises/{home.CompanyId}",
        HomeKind.Clients => "/mes-clients",
        _ => "/compte",
    };

    /// <summary>After a sign-in: the local page the person was going to (retour), else their home.</summary>
    public static async Task<string> AfterSignInAsync(HttpContext http, Platform.Features.Access.SignedInUser user, string? retour)
    {
        if (!string.IsNullOrEmpty(retour) && IsLocal(retour)) return retour;
        return Of(await http.RequestServices.GetRequiredService<Landing>().ForAsync(user, http.RequestAborted));
    }

    /// <summary>A path on this host only: « /x », never « //host » nor « /\host » (what browsers read as another site).</summary>
    public static bool IsLocal(string url) =>
        url.StartsWith('/') && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
