using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.GraphQL.Http;

/// <summary>
/// Our own small GraphQL-over-HTTP endpoint: POST application/json, GET for queries. Requests that
/// are too large, not JSON or without a query are refused before anything executes.
/// </summary>
public static class GraphQLEndpoint
{
    /// <summary>Room for a CSV import of about 50,000 lines in the variables; the query text itself stays small.</summary>
    public const int MaxBodyBytes = 8 * 1024 * 1024;
    public const int MaxQueryLength = 16 * 1024;

    public static IEndpointConventionBuilder MapPlatformGraphQL(this IEndpointRouteBuilder endpoints, string pattern = "/graphql")
    {
        endpoints.MapGet(pattern, HandleGetAsync);
        endpoints.MapGet(pattern + "/schema.graphql", SchemaDownload.WriteAsync);
        return endpoints.MapPost(pattern, HandlePostAsync);
    }

    private static async Task HandlePostAsync(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            await WriteRequestErrorAsync(http, StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE", $"La requête dépasse {MaxBodyBytes / 1024 / 1024} Mo.");
            return;
        }
        if (http.Request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await WriteRequestErrorAsync(http, StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "Le corps de la requête doit être du JSON (Content-Type: application/json).");
            return;
        }
        var body = await ReadBodyAsync(http);
        if (body is null)
        {
            await WriteRequestErrorAsync(http, StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE", $"La requête dépasse {MaxBodyBytes / 1024 / 1024} Mo.");
            return;
        }
        GraphQLRequest? request;
        try { request = Serializer(http).Deserialize<GraphQLRequest>(System.Text.Encoding.UTF8.GetString(body)); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            await WriteRequestErrorAsync(http, StatusCodes.Status400BadRequest, "INVALID_JSON", "Le corps de la requête n'est pas un JSON valide.");
            return;
        }
        await ExecuteAsync(http, request?.Query, request?.OperationName, request?.Variables, allowMutations: true);
    }

    private static async Task HandleGetAsync(HttpContext http)
    {
        var q = http.Request.Query;
        // A browser opening the endpoint gets the API explorer; a GET carrying a query runs it.
        if (!q.ContainsKey("query") && ApiExplorer.IsWanted(http.Request))
        {
            await ApiExplorer.WriteAsync(http);
            return;
        }
        Inputs? variables = null;
        if (q["variables"].ToString() is { Length: > 0 } json)
        {
            try { variables = Serializer(http).Deserialize<Inputs>(json); }
            catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
            {
                await WriteRequestErrorAsync(http, StatusCodes.Status400BadRequest, "INVALID_JSON", "Le paramètre variables n'est pas un JSON valide.");
                return;
            }
        }
        await ExecuteAsync(http, q["query"].ToString(), q["operationName"].ToString() is { Length: > 0 } op ? op : null, variables, allowMutations: false);
    }

    private static IGraphQLTextSerializer Serializer(HttpContext http) => http.RequestServices.GetRequiredService<IGraphQLTextSerializer>();

    private static async Task ExecuteAsync(HttpContext http, string? query, string? operationName, Inputs? variables, bool allowMutations)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            await WriteRequestErrorAsync(http, StatusCodes.Status400BadRequest, "QUERY_MISSING", "La requête GraphQL est vide : le champ query est obligatoire.");
            return;
        }
        if (query.Length > MaxQueryLength)
        {
            await WriteRequestErrorAsync(http, StatusCodes.Status413PayloadTooLarge, "QUERY_TOO_LARGE", $"Le texte de la requête dépasse {MaxQueryLength / 1024} Ko.");
            return;
        }
        Documents.Entry document;
        try { document = Documents.Parse(query); }
        catch (GraphQLSyntaxErrorException e)
        {
            await WriteRequestErrorAsync(http, StatusCodes.Status400BadRequest, "SYNTAX_ERROR", $"Requête GraphQL mal formée (ligne {e.Location.Line}, colonne {e.Location.Column}).");
            return;
        }
        if (!allowMutations && document.Document.Definitions.OfType<GraphQLOperationDefinition>().Any(o => o.Operation != OperationType.Query))
        {
            http.Response.Headers.Allow = "POST";
            await WriteRequestErrorAsync(http, StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED", "Les mutations passent par POST.");
            return;
        }

        var services = http.RequestServices;
        string? tooMany;
        // The limit is counted in the shared database: when it cannot be reached, the answer is the same
        // JSON internal error (with its reference) as a failure inside a resolver, not the portal's HTML page.
        try { tooMany = services.GetService<GraphQLRateLimit>() is { } limit ? await limit.AdmitAsync(http, document.Document, operationName) : null; }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GraphQLEndpoint))
                .LogError(e, "GraphQL rate limit unavailable (correlation {CorrelationId})", http.TraceIdentifier);
            await WriteRequestErrorAsync(http, StatusCodes.Status500InternalServerError, GraphQLErrors.Internal,
                $"Une erreur interne est survenue. Référence : {http.TraceIdentifier}.");
            return;
        }
        if (tooMany is not null)
        {
            http.Response.Headers.RetryAfter = "60";
            await WriteRequestErrorAsync(http, StatusCodes.Status429TooManyRequests, "RATE_LIMITED", tooMany);
            return;
        }
        var executer = services.GetRequiredService<IDocumentExecuter<PlatformSchema>>();
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = query,
            Document = document.Document,
            // A document that passed the specification's rules once passes them again (they read the
            // document and the schema, not the variables, the operation or the caller): they are
            // skipped for it. Variables are still coerced and the complexity limit still applies (its
            // rule is appended to this list by GraphQLSetup's AddComplexityAnalyzer).
            ValidationRules = document.Validated ? Array.Empty<global::GraphQL.Validation.IValidationRule>() : null,
            OperationName = operationName,
            Variables = variables,
            RequestServices = services,
            User = http.User,
            CancellationToken = http.RequestAborted,
        });
        if (result.Executed) document.Validated = true;
        http.Response.StatusCode = result.Executed ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        http.Response.ContentType = "application/graphql-response+json; charset=utf-8";
        await Serializer(http).WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    /// <summary>Reads at most MaxBodyBytes, whatever Content-Length claimed; null when the body is longer.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    // The source-generated shape with the API's encoder (ApiJson).
    private static readonly GraphQLJsonContext ErrorJson = new(new JsonSerializerOptions(ApiJson.Options));

    /// <summary>An error answered before GraphQL runs, in the shape of a GraphQL error (also the host's refusal of a bearer token).</summary>
    public static async Task WriteRequestErrorAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body,
            new GraphQLErrorResponse([new GraphQLErrorBody(message, new GraphQLErrorExtensions(code))]),
            ErrorJson.GraphQLErrorResponse, http.RequestAborted);
    }

    /// <summary>
    /// Parsed documents by query text: clients send the same few queries again and again. Validating
    /// a document against the specification's rules cost a page request as much as running it.
    /// </summary>
    private static class Documents
    {
        private const int Capacity = 2000;
        private static readonly ConcurrentDictionary<string, Entry> Cache = new(StringComparer.Ordinal);

        /// <summary>A parsed document; Validated once a request with it passed validation and ran.</summary>
        public sealed class Entry(GraphQLDocument document)
        {
            public GraphQLDocument Document { get; } = document;
            public volatile bool Validated;
        }

        public static Entry Parse(string query)
        {
            if (Cache.TryGetValue(query, out var cached)) return cached;
            var document = new Entry(Parser.Parse(query, new ParserOptions { Ignore = IgnoreOptions.Comments, MaxDepth = 64 }));
            if (Cache.Count >= Capacity) Cache.Clear();
            Cache.TryAdd(query, document);
            return document;
        }
    }
}
