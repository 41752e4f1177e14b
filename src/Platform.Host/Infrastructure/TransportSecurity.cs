using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;

namespace Platform.Host.Infrastructure;

/// <summary>
/// Running behind a TLS reverse proxy: the client's address and scheme from the forwarded headers of
/// known proxies only (ForwardedHeaders:KnownProxies, ForwardedHeaders:KnownNetworks), so that per-IP
/// limits see the client and e-mailed links are https; the session cookie Secure and HSTS outside Development.
/// </summary>
public static class TransportSecurity
{
    public static void AddTransportSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var proxies = List(configuration, "ForwardedHeaders:KnownProxies").Select(p => IPAddress.TryParse(p.Trim(), out var a) ? a : throw Invalid("ForwardedHeaders:KnownProxies", p)).ToList();
        var networks = List(configuration, "ForwardedHeaders:KnownNetworks").Select(n => System.Net.IPNetwork.TryParse(n.Trim(), out var net) ? net : throw Invalid("ForwardedHeaders:KnownNetworks", n)).ToList();
        services.AddSingleton(new TrustedProxies(proxies.Count + networks.Count > 0));
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // The host name stays the one the client asked for (the proxy passes Host through): it names the tenant.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only what the operator names is trusted, not the framework's loopback default.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
            foreach (var network in networks) o.KnownIPNetworks.Add(network);
            // A chain of known proxies is walked back to the first address that is not one of them.
            o.ForwardLimit = null;
        });

        // Development serves plain http on localhost; everywhere else the session cookie never travels without TLS.
        services.PostConfigure<CookieAuthenticationOptions>(PortalAuthentication.CookieScheme, o =>
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
    }

    /// <summary>First in the pipeline: everything after it (limits, logs, links) sees the client.</summary>
    public static void UseTransportSecurity(this WebApplication app)
    {
        if (app.Services.GetRequiredService<TrustedProxies>().Any) app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
    }

    /// <summary>Whether any proxy is trusted: without one, forwarded headers are never read.</summary>
    private sealed record TrustedProxies(bool Any);

    private static InvalidOperationException Invalid(string key, string text) =>
        new($"{key} : « {text} » n'est ni une adresse IP (KnownProxies) ni un réseau CIDR (KnownNetworks, ex. 10.0.0.0/8).");

    /// <summary>An array (KnownProxies:0, :1 …) or one comma-separated value (handy in an environment variable).</summary>
    private static IEnumerable<string> List(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.Value is { } single ? single.Split(',') : section.GetChildren().Select(c => c.Value ?? "");
        return values.Where(v => !string.IsNullOrWhiteSpace(v));
    }
}
