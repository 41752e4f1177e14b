using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Platform.Host.Api;

/// <summary>
/// The REST endpoints beside GraphQL (token, documents, PDF downloads) described by OpenAPI at
/// /openapi/v1.json, with a Scalar reference page at /scalar (its scripts are served by the host).
/// On in Development; elsewhere when Api:Reference is true. GraphQL describes itself (introspection,
/// /graphql/schema.graphql); the portal's pages are not an API.
/// </summary>
public static class ApiDocumentation
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/scalar";

    /// <summary>The paths the document keeps: the API's REST endpoints, not the portal's helpers (logo, theme, health).</summary>
    private static bool IsApiPath(string path) => path.StartsWith("/api/", StringComparison.Ordinal) || path == "/connect/token";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "API REST de l'espace adhérent",
                Version = "v1",
                Description = "Les points d'accès REST à côté de l'API GraphQL (/graphql) : jeton OAuth 2.0, dépôt et téléchargement de documents, " +
                              "convocations et factures en PDF. Chaque appel porte « Authorization: Bearer <jeton> » obtenu sur /connect/token, " +
                              "sur l'hôte du service (un jeton ne sert que sur le service qui l'a délivré).",
            };
            foreach (var path in document.Paths.Keys.Where(p => !IsApiPath(p)).ToList()) document.Paths.Remove(path);
            return Task.CompletedTask;
        }));

    public static bool Enabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue("Api:Reference", environment.IsDevelopment());

    public static void MapApiDocumentation(this WebApplication app)
    {
        if (!Enabled(app.Configuration, app.Environment)) return;
        app.MapOpenApi(DocumentPath);
        // No fonts from Scalar's CDN: the page uses the browser's.
        app.MapScalarApiReference(ReferencePath, o => o.WithTitle("API REST — référence").DisableDefaultFonts());
    }

    /// <summary>
    /// Scalar's page starts itself with an inline script and sets styles at run time: its own policy,
    /// still with nothing from another origin.
    /// </summary>
    public const string ReferenceContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
}
