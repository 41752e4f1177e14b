using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.GraphQL;

public sealed class GraphQLRequestTests(PlatformFactory factory) : PlatformTest(factory)
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string body, string contentType = "application/json")
    {
        using var response = await Factory.ClientFor("sstrn.localhost").PostAsync("/graphql", new StringContent(body, Encoding.UTF8, contentType));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement);
    }

    private static string Code(JsonElement body) => body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()!;
    private static string Message(JsonElement body) => body.GetProperty("errors")[0].GetProperty("message").GetString()!;

    [Fact]
    public async Task A_document_that_ran_before_still_has_its_variables_checked()
    {
        // A document that passed validation once skips the specification's rules afterwards
        // (GraphQLEndpoint): its variables are still coerced on every request.
        const string query = "query($n: Int) { tenant { slug } companyPage: __type(name: $n) { name } }";
        const string valid = "query($name: String!) { __type(name: $name) { name } }";
        var (status, body) = await PostAsync(JsonSerializer.Serialize(new { query = valid, variables = new { name = "Query" } }));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Query", body.GetProperty("data").GetProperty("__type").GetProperty("name").GetString());

        (status, body) = await PostAsync(JsonSerializer.Serialize(new { query = valid, variables = new { } }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("name", Message(body));

        // A document that failed validation is refused each time it comes back.
        for (var i = 0; i < 2; i++)
        {
            (status, _) = await PostAsync(JsonSerializer.Serialize(new { query }));
            Assert.Equal(HttpStatusCode.BadRequest, status);
        }
    }

    [Fact]
    public async Task Body_that_is_not_json_is_refused()
    {
        var (status, body) = await PostAsync("query { tenant { slug } }");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_JSON", Code(body));
        Assert.Contains("JSON", Message(body));
    }

    [Fact]
    public async Task Other_content_types_are_refused()
    {
        var (status, body) = await PostAsync("""{"query":"{ tenant { slug } }"}""", "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", Code(body));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"query":""}""")]
    [InlineData("""{"query":"   "}""")]
    [InlineData("""{"operationName":"x"}""")]
    public async Task A_request_without_query_is_refused(string json)
    {
        var (status, body) = await PostAsync(json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("QUERY_MISSING", Code(body));
        Assert.Contains("query", Message(body));
    }

    [Fact]
    public async Task Nine_megabytes_of_query_text_are_refused_before_parsing()
    {
        var query = "{ tenant { " + string.Concat(Enumerable.Repeat("slug ", 1_800_000)) + "} }";
        var (status, body) = await PostAsync(JsonSerializer.Serialize(new { query }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("REQUEST_TOO_LARGE", Code(body));
    }

    [Fact]
    public async Task A_query_text_over_the_limit_is_refused()
    {
        var query = "{ tenant { " + string.Concat(Enumerable.Repeat("slug ", 4_000)) + "} }";
        var (status, body) = await PostAsync(JsonSerializer.Serialize(new { query }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("QUERY_TOO_LARGE", Code(body));
    }

    [Fact]
    public async Task Malformed_graphql_is_refused_with_its_position()
    {
        var (status, body) = await PostAsync("""{"query":"{ tenant { slug "}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("SYNTAX_ERROR", Code(body));
        Assert.Contains("ligne 1", Message(body));
    }

    [Fact]
    public async Task Too_deep_a_query_is_refused()
    {
        // Introspection allows arbitrarily deep nesting: ofType inside ofType …
        var inner = "name";
        for (var i = 0; i < 20; i++) inner = $"ofType {{ {inner} }}";
        var query = $"{{ __schema {{ types {{ {inner} }} }} }}";
        var (status, body) = await PostAsync(JsonSerializer.Serialize(new { query }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("trop imbriquée", Message(body));
        Assert.False(body.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task Too_complex_a_query_is_refused()
    {
        // Many aliases of a list field: shallow but expensive.
        var fields = string.Join(" ", Enumerable.Range(0, 200).Select(i => $"a{i}: __schema {{ types {{ fields {{ name }} }} }}"));
        var (status, body) = await PostAsync(JsonSerializer.Serialize(new { query = "{ " + fields + " }" }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("trop complexe", Message(body));
    }

    [Fact]
    public async Task Unknown_fields_fail_validation()
    {
        var (status, body) = await PostAsync("""{"query":"{ tenant { password } }"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("password", Message(body));
    }

    [Fact]
    public async Task Mutations_are_refused_over_get()
    {
        var query = Uri.EscapeDataString("mutation { updateTenantRules(input: {path: \"theme.primaryColor\", value: \"\\\"#000000\\\"\"}) { needsConfirmation } }");
        using var response = await Factory.ClientFor("sstrn.localhost").GetAsync("/graphql?query=" + query);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_get_unauthenticated_and_nothing_is_written()
    {
        var (status, body) = await PostAsync(JsonSerializer.Serialize(new
        {
            query = "mutation($input: UpdateTenantRulesInput!) { updateTenantRules(input: $input) { errors { code } } }",
            variables = new { input = new { path = "theme.primaryColor", value = "\"#000000\"" } },
        }));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("UNAUTHENTICATED", Code(body));
        Assert.Contains("connecté", Message(body));

        var (_, history) = await PostAsync("""{"query":"{ tenantRuleChanges { path } }"}""");
        Assert.Equal("UNAUTHENTICATED", Code(history));

        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.Equal(0, await db.TenantRuleOverrides.IgnoreQueryFilters().CountAsync());
        Assert.Equal(0, await db.AuditEntries.IgnoreQueryFilters().CountAsync());
    }

    [Fact]
    public async Task Variables_over_get_are_read()
    {
        var query = Uri.EscapeDataString("query Q($x: Boolean!) { tenant { slug @include(if: $x) name } }");
        var variables = Uri.EscapeDataString("""{"x":true}""");
        using var response = await Factory.ClientFor("sstrn.localhost").GetAsync($"/graphql?query={query}&variables={variables}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("sstrn", body.GetProperty("data").GetProperty("tenant").GetProperty("slug").GetString());
    }

    [Fact]
    public async Task Responses_carry_a_correlation_id()
    {
        using var response = await Factory.ClientFor("sstrn.localhost").PostAsync("/graphql",
            new StringContent("""{"query":"{ tenant { slug } }"}""", Encoding.UTF8, "application/json"));
        Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues("X-Correlation-Id").Single());
    }
}
