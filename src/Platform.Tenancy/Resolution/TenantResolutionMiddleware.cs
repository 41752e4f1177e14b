using Microsoft.AspNetCore.Http;

namespace Platform.Tenancy.Resolution;

/// <summary>
/// Binds each request to the tenant its host names (DESIGN.md 3.1). An unknown host gets a French
/// 404 page and never a default tenant. Paths in <paramref name="hostFreePaths"/> (health checks of
/// the load balancer) answer on any host without a tenant.
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next, TenantCatalog catalog, IReadOnlySet<string> hostFreePaths)
{
    public async Task InvokeAsync(HttpContext http, TenantContext tenantContext)
    {
        var tenant = catalog.FindByHost(http.Request.Host.Host);
        if (tenant is not null)
        {
            tenantContext.Set(tenant);
            await next(http);
            return;
        }
        if (hostFreePaths.Contains(http.Request.Path.Value ?? ""))
        {
            await next(http);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(UnknownHostPage);
    }

    // Plain on purpose: the Content-Security-Policy allows no inline style, and no tenant's stylesheet applies.
    private const string UnknownHostPage = """
        <!DOCTYPE html>
        <html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Service introuvable</title>
        </head><body>
        <h1>Service introuvable</h1>
        <p>Cette adresse ne correspond à aucun service de prévention et de santé au travail de la plateforme.</p>
        <p>Vérifiez l'adresse indiquée dans le courrier ou l'e-mail de votre service de santé au travail.</p>
        </body></html>
        """;
}
