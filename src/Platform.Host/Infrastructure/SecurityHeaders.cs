namespace Platform.Host.Infrastructure;

/// <summary>
/// Headers of every answer: a Content-Security-Policy that allows only the site's own files (the portal
/// has no inline script or style: the tenant's colours come from /tenant/theme.css) and no framing;
/// no MIME sniffing; no referrer to other sites (links carry tokens). What a signed-in person sees
/// (names, NIRs, invoices) is never stored by the browser or a proxy.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    /// <summary>
    /// The policy with the card checkout's origin allowed as a form target: « Payer par carte » posts to the
    /// portal, which redirects to Stripe Checkout, and browsers apply form-action to that redirect too.
    /// Stripe's checkout origin, plus the origin of any configured API base (a test double, a proxy).
    /// </summary>
    public static string PolicyFor(IConfiguration configuration)
    {
        var origins = new SortedSet<string>(StringComparer.Ordinal) { "https://checkout.stripe.com" };
        var stripe = configuration.GetSection("Payments:Stripe");
        foreach (var apiBase in new[] { stripe["ApiBase"] }.Concat(stripe.GetSection("Tenants").GetChildren().Select(t => t["ApiBase"])))
            if (Uri.TryCreate(apiBase, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
                origins.Add(uri.GetLeftPart(UriPartial.Authority));
        return ContentSecurityPolicy.Replace("form-action 'self'", "form-action 'self' " + string.Join(' ', origins));
    }

    public static void UseSecurityHeaders(this WebApplication app)
    {
        var portalPolicy = PolicyFor(app.Configuration);
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments(Api.ApiDocumentation.ReferencePath)
                ? Api.ApiDocumentation.ReferenceContentSecurityPolicy : portalPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            http.Response.OnStarting(() =>
            {
                // Known only once authentication has run, later in the pipeline.
                if (http.User.Identity?.IsAuthenticated == true)
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }
                return Task.CompletedTask;
            });
            return next(http);
        });
    }
}
