using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Companies;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.GraphQL;

/// <summary>The real limits, low enough to reach: 10 mutation fields a minute per account, 3 démarches an hour per account.</summary>
public sealed class LowGraphQLLimitsFactory : PlatformFactory
{
    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("RateLimits:GraphQLPerAccountPerMinute", "10"),
        ("RateLimits:DemarchesPerAccountPerHour", "3"),
    ];
}

/// <summary>Security finding 1: /graphql is rate limited per account and per IP, and aliased mutations count one each.</summary>
public sealed class GraphQLRateLimitTests(LowGraphQLLimitsFactory factory) : PlatformTest<LowGraphQLLimitsFactory>(factory)
{
    private const string Host = "sstrn.localhost";

    private async Task<string> PersonAsync(string email)
    {
        await DemoData.SeedAsync(Factory.Services);
        await using var scope = Factory.Services.CreatePlatformScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var user = new User { Email = email, NormalizedEmail = User.Normalize(email), FirstName = "Eve", LastName = "Essai" };
        user.PasswordHash = new PasswordHasher<User>().HashPassword(user, "Essai-2026!x");
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return await Factory.TokenAsync(Host, email, "Essai-2026!x");
    }

    private static string Aliased(int count, int firstMemberNumber) =>
        "mutation { " + string.Concat(Enumerable.Range(0, count).Select(i =>
            $"a{i}: synchronizeCompany(input: {{ memberNumber: \"{firstMemberNumber + i}.1\", siren: \"732829320\" }}) {{ errors {{ code }} }} ")) + "}";

    private async Task<int> RequestsAsync()
    {
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().AccessRequests.CountAsync();
    }

    [Fact]
    public async Task Fifty_aliased_synchronisations_in_one_request_are_refused_whole()
    {
        var token = await PersonAsync("alias@example.fr");
        var client = Factory.ClientFor(Host);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await client.PostAsJsonAsync("/graphql", new { query = Aliased(50, 200) });

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("60", response.Headers.RetryAfter?.ToString());
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0];
        Assert.Equal("RATE_LIMITED", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("Trop de requêtes pour ce compte : réessayez dans une minute.", error.GetProperty("message").GetString());
        Assert.Equal(0, await RequestsAsync());
    }

    [Fact]
    public async Task Aliased_synchronisations_spend_the_tighter_demarche_budget_one_each()
    {
        // Fixed windows: the hour's budget must not restart in the middle of the test.
        Factory.Clock.StartOfWindow(TimeSpan.FromHours(1));
        var token = await PersonAsync("budget@example.fr");
        var data = (await Factory.GraphQLAsync(Host, Aliased(5, 300), token: token)).GetProperty("data");
        var codes = Enumerable.Range(0, 5).Select(i => data.GetProperty($"a{i}").GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()).FirstOrDefault()).ToList();
        Assert.Equal([null, null, null, "TOO_MANY_ATTEMPTS", "TOO_MANY_ATTEMPTS"], codes);
        Assert.Equal(3, await RequestsAsync());

        // The budget is the account's, whichever door: the portal refuses the next one too.
        var portal = Factory.PortalFor(Host);
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "budget@example.fr", ["Password"] = "Essai-2026!x" });
        var page = await PortalClient.HtmlAsync(await portal.SubmitAsync("/demarches", new Dictionary<string, string> { ["MemberNumber"] = "999.1", ["Siren"] = "732829320" }, "/demarches?handler=Synchroniser"));
        Assert.Contains("Trop de démarches tentées avec ce compte", page);
        Assert.Equal(3, await RequestsAsync());
    }

    [Fact]
    public async Task The_account_limit_counts_requests_across_the_minute()
    {
        Factory.Clock.StartOfWindow(TimeSpan.FromMinutes(1));
        var token = await PersonAsync("minute@example.fr");
        for (var i = 0; i < 10; i++)
            Assert.True((await Factory.GraphQLAsync(Host, "{ me { email } }", token: token)).TryGetProperty("data", out _));
        var refused = await Factory.GraphQLAsync(Host, "{ me { email } }", token: token);
        Assert.Equal("RATE_LIMITED", refused.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        // Another account is not affected.
        var other = await PersonAsync("autre@example.fr");
        Assert.Equal("autre@example.fr", (await Factory.GraphQLAsync(Host, "{ me { email } }", token: other)).GetProperty("data").GetProperty("me").GetProperty("email").GetString());
    }
}

/// <summary>Anonymous callers are limited per IP.</summary>
public sealed class LowGraphQLIpLimitFactory : PlatformFactory
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("RateLimits:GraphQLPerIpPerMinute", "5")];
}

public sealed class GraphQLIpRateLimitTests(LowGraphQLIpLimitFactory factory) : PlatformTest<LowGraphQLIpLimitFactory>(factory)
{
    [Fact]
    public async Task An_address_past_its_limit_gets_a_french_429()
    {
        // Fixed windows: six requests straddling a minute's end would be counted in two windows.
        Factory.Clock.StartOfWindow(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await Factory.ClientFor("sstrn.localhost").PostAsJsonAsync("/graphql", new { query = "{ tenant { slug } }" })).StatusCode);
        using var refused = await Factory.ClientFor("sstrn.localhost").PostAsJsonAsync("/graphql", new { query = "{ tenant { slug } }" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var error = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0];
        Assert.Equal("Trop de requêtes depuis cette adresse : réessayez dans une minute.", error.GetProperty("message").GetString());
    }
}
