using Platform.Features.Access;
using Platform.Tenancy;

namespace Platform.Host.Infrastructure;

/// <summary>
/// A request that carries a bearer token the host does not accept (broken, expired, signed for another
/// tenant's host, or of another tenant) answers 401 with <c>WWW-Authenticate: Bearer error="invalid_token"</c>
/// (RFC 6750, 3.1) instead of running as nobody: a client whose token stopped working learns it at once,
/// rather than reading « null » where its data should be. Only the failure path: a good token is
/// validated by OpenIddict as before, and requests without a bearer token are not touched.
/// </summary>
public static class BearerTokenRejection
{
    public const string Challenge = "Bearer error=\"invalid_token\", error_description=\"The access token is invalid, expired or issued for another tenant.\"";
    public const string Message = "Jeton d'accès invalide, expiré ou délivré pour un autre service : demandez-en un nouveau sur /connect/token.";

    public static void UseBearerTokenRejection(this WebApplication app) => app.Use(async (http, next) =>
    {
        if (Rejected(http))
        {
            http.Response.Headers.WWWAuthenticate = Challenge;
            http.Response.Headers.CacheControl = "no-store";
            await Platform.GraphQL.Http.GraphQLEndpoint.WriteRequestErrorAsync(http, StatusCodes.Status401Unauthorized, "INVALID_TOKEN", Message);
            return;
        }
        await next(http);
    });

    private static bool Rejected(HttpContext http)
    {
        if (TokenServer.SelectScheme(http) != ValidatedBearerTokens.SchemeName) return false;
        // The token endpoint answers for itself (OAuth errors), and host-free paths (/health) have no tenant to check.
        if (http.Request.Path.StartsWithSegments("/connect")) return false;
        if (http.RequestServices.GetRequiredService<ITenantContext>().Current is not { } tenant) return false;
        return http.User.Identity?.IsAuthenticated != true || http.User.FindFirst(PlatformClaims.Tenant)?.Value != tenant.Slug;
    }
}
