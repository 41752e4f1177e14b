using System.Net;
using System.Text;
using System.Text.Json;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.GraphQL;

/// <summary>A host whose database cannot be opened: every unexpected failure must hide its internals.</summary>
public sealed class BrokenDatabaseFactory : PlatformFactory
{
    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("Database:Provider", "Sqlite"),
        ("ConnectionStrings:Platform", "Data Source=/nonexistent-directory/platform.db;Mode=ReadOnly"),
        ("Database:MigrateAtStartup", "false"),
    ];
}

public sealed class InternalErrorTests(BrokenDatabaseFactory factory) : IClassFixture<BrokenDatabaseFactory>
{
    [Fact]
    public async Task Unexpected_graphql_errors_return_the_correlation_id_and_no_internals()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ tenant { slug name } }"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Correlation-Id", "test-correlation-0001");
        using var response = await factory.ClientFor("sstrn.localhost").SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var error = JsonDocument.Parse(text).RootElement.GetProperty("errors")[0];

        Assert.Equal("INTERNAL_SERVER_ERROR", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("test-correlation-0001", error.GetProperty("message").GetString());
        Assert.DoesNotContain("Sqlite", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("nonexistent", text);
        Assert.DoesNotContain("   at ", text);
    }

    [Fact]
    public async Task Health_reports_the_database_down()
    {
        using var response = await factory.ClientFor("localhost").GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Portal_errors_show_a_french_page_with_the_reference()
    {
        using var response = await factory.ClientFor("sstrn.localhost").GetAsync("/");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Une erreur est survenue", html);
        Assert.Contains(response.Headers.GetValues("X-Correlation-Id").Single(), html);
        Assert.DoesNotContain("SqliteException", html);
    }
}
