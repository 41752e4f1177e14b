using GraphQL;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Platform.GraphQL.Http;

/// <summary>
/// GET /graphql from a browser: the API explorer (GraphiQL, vendored under wwwroot/lib, never from a
/// CDN), with this tenant's host as endpoint and a field for a bearer token (wwwroot/graphql).
/// </summary>
public static class ApiExplorer
{
    public const string PagePath = "graphql/explorer.html";

    /// <summary>
    /// The explorer's own policy: its scripts and styles come from this host only, as everywhere; GraphiQL
    /// sets styles at run time (inline styles) and ships its fonts as data: URLs.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public static bool IsWanted(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    public static async Task WriteAsync(HttpContext http)
    {
        var page = http.RequestServices.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider.GetFileInfo(PagePath);
        if (!page.Exists)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        http.Response.Headers[HeaderNames.Vary] = HeaderNames.Accept;
        await using var stream = page.CreateReadStream();
        await stream.CopyToAsync(http.Response.Body, http.RequestAborted);
    }
}

/// <summary>GET /graphql/schema.graphql: the schema in SDL, as committed in src/Platform.GraphQL/schema.graphql.</summary>
public static class SchemaDownload
{
    private static string? printed;

    /// <summary>The schema printed the way its committed export is (descriptions, ordinal order, \n line ends).</summary>
    public static string Print(global::GraphQL.Types.ISchema schema)
    {
        schema.Initialize();
        return schema.Print(new global::GraphQL.Utilities.PrintOptions { IncludeDescriptions = true, StringComparison = StringComparison.Ordinal })
            .ReplaceLineEndings("\n").TrimEnd() + "\n";
    }

    public static async Task WriteAsync(HttpContext http)
    {
        printed ??= Print(http.RequestServices.GetRequiredService<global::GraphQL.Types.ISchema>());
        http.Response.ContentType = "application/graphql; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"schema.graphql\"";
        await http.Response.WriteAsync(printed, http.RequestAborted);
    }
}
