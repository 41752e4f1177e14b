using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Features.Demo;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.GraphQL;

/// <summary>The REST reference page on, as an operator turns it on outside Development (Api:Reference).</summary>
public sealed class ApiReferenceFactory : PlatformFactory
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("Api:Reference", "true")];
}

/// <summary>What an accountant firm's developer meets first: introspection, the explorer, the SDL, token errors, the REST description.</summary>
public sealed partial class ApiForDevelopersTests(ApiReferenceFactory factory) : PlatformTest<ApiReferenceFactory>(factory)
{
    private const string Host = "sstrn.localhost";

    /// <summary>The query GraphiQL (graphql-js getIntrospectionQuery with its defaults), Postman and code generators send.</summary>
    public const string StandardIntrospectionQuery = """
        query IntrospectionQuery {
          __schema {
            queryType { name }
            mutationType { name }
            subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }
        }
        """;

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostAsync(string query, string? token = null, string host = Host)
    {
        var client = Factory.ClientFor(host);
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.PostAsJsonAsync("/graphql", new { query, operationName = (string?)null });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    [Fact]
    public async Task The_standard_introspection_query_answers_the_whole_schema()
    {
        var (status, body, _) = await PostAsync(StandardIntrospectionQuery);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.TryGetProperty("errors", out _), body.ToString());
        var schema = body.GetProperty("data").GetProperty("__schema");
        Assert.Equal("Query", schema.GetProperty("queryType").GetProperty("name").GetString());
        var types = schema.GetProperty("types").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.True(types.ContainsKey("Employee") && types.ContainsKey("Mutation"));
        // Down to the arguments of each field, which the complexity limit refused before.
        var company = types["Query"].GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "company");
        Assert.Equal("id", company.GetProperty("args")[0].GetProperty("name").GetString());
        Assert.Equal("NON_NULL", company.GetProperty("args")[0].GetProperty("type").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task An_introspection_query_cannot_multiply_its_answer_with_aliases()
    {
        // Twenty aliased `types` each with twenty aliased `fields` answered 11 MB to a 1 KB query.
        var types = string.Join(' ', Enumerable.Range(0, 5).Select(i => $"t{i}: types {{ ...F }}"));
        var fields = string.Join(' ', Enumerable.Range(0, 5).Select(i => $"f{i}: fields {{ name }}"));
        var (status, body, _) = await PostAsync($"{{ __schema {{ {types} }} }} fragment F on __Type {{ {fields} }}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Les alias ne sont pas permis", body.GetProperty("errors")[0].GetProperty("message").GetString());
        // The same query without aliases answers: repeated selections merge.
        var (plain, _, _) = await PostAsync("{ __schema { types { ...F } types { ...F } } } fragment F on __Type { fields { name } fields { name } }");
        Assert.Equal(HttpStatusCode.OK, plain);
    }

    [Fact]
    public async Task Real_queries_keep_their_depth_and_complexity_limits()
    {
        // Schema fields beside data count as data: the depth of the introspection query is refused then.
        var typeRef = "name";
        for (var i = 0; i < 10; i++) typeRef = $"ofType {{ {typeRef} }}";
        var (deep, body, _) = await PostAsync($"{{ tenant {{ slug }} __type(name: \"Query\") {{ fields {{ type {{ {typeRef} }} }} }} }}");
        Assert.Equal(HttpStatusCode.BadRequest, deep);
        Assert.Contains("trop imbriquée", body.GetProperty("errors")[0].GetProperty("message").GetString());
        // Wide data queries keep the complexity limit.
        var wide = string.Join(" ", Enumerable.Range(0, 20).Select(i =>
            $"c{i}: company(id: \"{Guid.NewGuid()}\") {{ employees(first: 200) {{ edges {{ node {{ firstName birthName }} }} }} }}"));
        var (complex, complexBody, _) = await PostAsync("{ " + wide + " }");
        Assert.Equal(HttpStatusCode.BadRequest, complex);
        Assert.Contains("trop complexe", complexBody.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("pas-un-jeton")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl")]
    public async Task A_broken_token_gets_401_invalid_token(string token)
    {
        var (status, body, response) = await PostAsync("{ tenant { slug } }", token);
        AssertInvalidToken(status, response);
        Assert.Equal("INVALID_TOKEN", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        // Without a token the same query runs anonymously, as before.
        var (anonymous, _, _) = await PostAsync("{ tenant { slug } }");
        Assert.Equal(HttpStatusCode.OK, anonymous);
    }

    [Fact]
    public async Task A_token_of_another_tenant_or_expired_gets_401_invalid_token_and_a_good_one_works()
    {
        await DemoData.SeedAsync(Factory.Services);
        var token = await Factory.TokenAsync(Host, "employer@sstrn.demo", DemoData.Password);
        var (good, body, _) = await PostAsync("{ me { email } }", token);
        Assert.Equal(HttpStatusCode.OK, good);
        Assert.Equal("employer@sstrn.demo", body.GetProperty("data").GetProperty("me").GetProperty("email").GetString());

        var (foreign, _, foreignResponse) = await PostAsync("{ me { email } }", token, "sist-on.localhost");
        AssertInvalidToken(foreign, foreignResponse);
        using var download = new HttpRequestMessage(HttpMethod.Get, $"/api/invoices/{Guid.NewGuid()}/pdf");
        download.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var rest = await Factory.ClientFor("sist-on.localhost").SendAsync(download);
        AssertInvalidToken(rest.StatusCode, rest);

        // Access tokens live five minutes.
        Factory.Clock.Advance(TimeSpan.FromMinutes(10));
        var (expired, _, expiredResponse) = await PostAsync("{ me { email } }", token);
        AssertInvalidToken(expired, expiredResponse);
    }

    private static void AssertInvalidToken(HttpStatusCode status, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.StartsWith("error=\"invalid_token\"", challenge.Parameter);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_rest_endpoints_and_the_reference_page_is_served_here()
    {
        var client = Factory.ClientFor(Host);
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/connect/token", paths);
        Assert.Contains("/api/documents", paths);
        Assert.Contains("/api/documents/{id}", paths);
        Assert.Contains("/api/appointments/{id}/convocation.pdf", paths);
        Assert.Contains("/api/invoices/{id}/pdf", paths);
        // The portal's helpers are not part of the API.
        Assert.DoesNotContain(paths, p => p.StartsWith("/tenant/", StringComparison.Ordinal) || p == "/health");
        Assert.True(document.GetProperty("paths").GetProperty("/connect/token").TryGetProperty("post", out _));

        var page = await client.GetAsync("/scalar");
        if (page.StatusCode == HttpStatusCode.Found) page = await client.GetAsync(page.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(@"<script[^>]+src=""(https?:)?//", html);
    }

    [Fact]
    public async Task The_reference_page_is_off_outside_development_unless_configured()
    {
        var other = new PlatformFactoryWithoutReference();
        await other.InitializeAsync();
        try { Assert.Equal(HttpStatusCode.NotFound, (await other.ClientFor(Host).GetAsync("/openapi/v1.json")).StatusCode); }
        finally { await ((IAsyncLifetime)other).DisposeAsync(); }
    }

    private sealed class PlatformFactoryWithoutReference : PlatformFactory;

    [GeneratedRegex(@"<(?:script|link)[^>]+(?:src|href)=""([^""]+)""")] private static partial Regex Assets();

    [Fact]
    public async Task A_browser_opening_graphql_gets_the_explorer_served_from_this_host()
    {
        var client = Factory.ClientFor(Host);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Jeton d'accès (Bearer)", html);
        var assets = Assets().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("/lib/graphiql/graphiql.min.js", assets);
        foreach (var asset in assets)
        {
            Assert.StartsWith("/", asset);
            Assert.False(asset.StartsWith("//", StringComparison.Ordinal), asset);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(asset)).StatusCode);
        }
        // The policy lets nothing come from another origin.
        Assert.DoesNotContain("http", string.Join(" ", response.Headers.GetValues("Content-Security-Policy")));

        // A program's GET keeps its answer: a query runs, no query is an error.
        var program = await client.GetAsync("/graphql?query=%7B%20tenant%20%7B%20slug%20%7D%20%7D");
        Assert.Equal("sstrn", (await program.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("tenant").GetProperty("slug").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/graphql")).StatusCode);
    }

    [Fact]
    public async Task The_schema_downloads_as_the_committed_sdl()
    {
        var response = await Factory.ClientFor(Host).GetAsync("/graphql/schema.graphql");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("schema.graphql", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var committed = (await File.ReadAllTextAsync(RepositoryFiles.Path("src", "Platform.GraphQL", "schema.graphql"))).ReplaceLineEndings("\n");
        Assert.Equal(committed, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_api_documentation_page_explains_in_french_with_this_hosts_examples()
    {
        var html = await Factory.PortalFor(Host).GetHtmlAsync("/documentation-api");
        Assert.Contains("Documentation de l'API", html);
        Assert.Contains("curl -s -X POST https://sstrn.localhost/connect/token", html);
        Assert.Contains("grant_type=client_credentials", html);
        Assert.Contains("pageInfo", html);
        Assert.Contains("error=\"invalid_token\"", html);
        Assert.Contains("429", html);
    }
}
