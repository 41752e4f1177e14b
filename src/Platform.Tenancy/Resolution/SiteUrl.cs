using Microsoft.AspNetCore.Http;

namespace Platform.Tenancy.Resolution;

/// <summary>
/// The absolute address of a tenant's site, for links in e-mails and across tenants: the one place
/// that builds it. The scheme is the one the client used, so behind a TLS reverse proxy (forwarded
/// headers from a known proxy, see ReverseProxy in the host) links are https.
/// </summary>
public static class SiteUrl
{
    /// <summary>The site the request came to, e.g. https://sstrn.example.fr (no trailing slash).</summary>
    public static string Of(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    /// <summary>
    /// The site of another tenant of this deployment: the request's host with the other slug in front
    /// ({slug}.{domain} and {slug}.localhost), or null when the request's host is not of that form.
    /// </summary>
    public static string? OfTenant(HttpRequest request, string currentSlug, string slug)
    {
        var host = request.Host.Host;
        if (!host.StartsWith(currentSlug + ".", StringComparison.OrdinalIgnoreCase)) return null;
        var port = request.Host.Port is { } p ? $":{p}" : "";
        return $"{request.Scheme}://{slug}{host[currentSlug.Length..]}{port}";
    }
}
