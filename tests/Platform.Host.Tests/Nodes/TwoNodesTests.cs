using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Tenancy;
using Platform.Features.Demo;
using Platform.Host.Tests.Access;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.Nodes;

/// <summary>
/// Two nodes of the platform on one database: node A is the factory's host, node B a second host
/// with its own services (caches, counters) started on the same database and data directory.
/// Low limits, so that spreading attempts over the nodes would show.
/// </summary>
public sealed class TwoNodesFactory : PlatformFactory
{
    private WebApplicationFactory<Program>? nodeB;

    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("RateLimits:SignInPerAccountPer5Minutes", "4"),
        ("RateLimits:SignInPerIpPerMinute", "6"),
        ("RateLimits:GraphQLPerAccountPerMinute", "10"),
    ];

    /// <summary>The second node; it does not migrate (node A did, as `migrate` does before a deployment).</summary>
    public WebApplicationFactory<Program> NodeB => nodeB ??= WithWebHostBuilder(b => b.UseSetting("Database:MigrateAtStartup", "false"));

    public HttpClient ClientOfB(string host) =>
        NodeB.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"https://{host}"), AllowAutoRedirect = false });
}

public sealed class TwoNodesTests(TwoNodesFactory factory) : PlatformTest<TwoNodesFactory>(factory)
{
    private const string Host = "sstrn.localhost";

    private static async Task<string> PrimaryColorAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/graphql", new { query = "{ tenant { theme { primaryColor } } }" });
        return (await response.Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("data").GetProperty("tenant").GetProperty("theme").GetProperty("primaryColor").GetString()!;
    }

    [Fact]
    public async Task A_rule_changed_through_node_A_applies_on_node_B_within_five_seconds()
    {
        await DemoData.SeedAsync(Factory.Services);
        var clientB = Factory.ClientOfB(Host);
        Assert.Equal("#00607A", await PrimaryColorAsync(clientB)); // node B now holds the rules in its cache

        var token = await Factory.TokenAsync(Host, "admin@sstrn.demo", DemoData.Password,
            TotpCodes.CurrentCode(DemoData.StaffTotpSecret, Factory.Clock.GetUtcNow()));
        var change = await Factory.GraphQLAsync(Host,
            """mutation { updateTenantRules(input: { path: "theme.primaryColor", value: "\"#224466\"" }) { errors { code } } }""", token: token);
        Assert.Empty(change.GetProperty("data").GetProperty("updateTenantRules").GetProperty("errors").EnumerateArray());
        var changedAt = DateTime.UtcNow;

        var seen = await PrimaryColorAsync(clientB);
        while (seen != "#224466" && DateTime.UtcNow - changedAt < TimeSpan.FromSeconds(6))
        {
            await Task.Delay(100);
            seen = await PrimaryColorAsync(clientB);
        }
        Assert.Equal("#224466", seen);
        Assert.True(DateTime.UtcNow - changedAt < TimeSpan.FromSeconds(5), $"seen on node B after {(DateTime.UtcNow - changedAt).TotalSeconds:0.0} s");
        // The theme, read by every page, too.
        var page = await clientB.GetStringAsync("/");
        Assert.Contains("--primary: #224466", await PortalClient.ThemeOfAsync(clientB, page));
    }

    private static async Task<(HttpStatusCode Status, string Body)> WrongPasswordAsync(HttpClient client, string username)
    {
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "portal", ["grant_type"] = "password", ["username"] = username, ["password"] = "Mauvais-1!",
        }));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sign_in_attempts_spread_over_both_nodes_reach_the_account_limit_at_the_same_total()
    {
        Factory.Clock.StartOfWindow(TimeSpan.FromMinutes(5));
        // sist-on has no lockout of its own: only the per-account limit stops guessing there.
        var nodes = new[] { Factory.ClientFor("sist-on.localhost"), Factory.ClientOfB("sist-on.localhost") };
        var answers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add((await WrongPasswordAsync(nodes[i % 2], "personne@example.fr")).Body);
        }
        Assert.All(answers.Take(4), a => Assert.DoesNotContain("Trop de tentatives", a));
        Assert.All(answers.Skip(4), a => Assert.Contains("Trop de tentatives pour ce compte", a));
    }

    [Fact]
    public async Task The_sign_in_doors_per_address_limit_counts_requests_on_both_nodes()
    {
        Factory.Clock.StartOfWindow(TimeSpan.FromMinutes(1));
        var nodes = new[] { Factory.ClientFor(Host), Factory.ClientOfB(Host) };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
            statuses.Add((await WrongPasswordAsync(nodes[i % 2], $"personne{i}@example.fr")).Status);
        Assert.Equal(6, statuses.Count(s => s == HttpStatusCode.BadRequest));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses[6..]);
    }

    [Fact]
    public async Task GraphQL_requests_spread_over_both_nodes_reach_the_account_limit_at_the_same_total()
    {
        Factory.Clock.StartOfWindow(TimeSpan.FromMinutes(1));
        await DemoData.SeedAsync(Factory.Services);
        var token = await Factory.TokenAsync(Host, "employer@sstrn.demo", DemoData.Password);
        var nodes = new[] { Factory.ClientFor(Host), Factory.ClientOfB(Host) };
        foreach (var node in nodes) node.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        async Task<HttpStatusCode> MeAsync(HttpClient node)
        {
            using var response = await node.PostAsJsonAsync("/graphql", new { query = "{ me { email } }" });
            return response.StatusCode;
        }

        var onA = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) onA.Add(await MeAsync(nodes[0]));
        // Node A adds its counts to the shared counters every second (RateLimits:SharedFlushMilliseconds).
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var onB = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) onB.Add(await MeAsync(nodes[1]));

        Assert.All(onA, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], onB);
    }

    [Fact]
    public async Task A_portal_session_opened_on_node_A_is_accepted_by_node_B()
    {
        await DemoData.SeedAsync(Factory.Services);
        // One browser, its requests spread over the nodes as the load balancer does: one cookie jar.
        var cookies = new CookieContainer();
        var portalA = new PortalClient(Factory.CreateDefaultClient(new Uri($"https://{Host}"), new CookieContainerHandler(cookies)));
        var signIn = await portalA.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var portalB = new PortalClient(Factory.NodeB.CreateDefaultClient(new Uri($"https://{Host}"), new CookieContainerHandler(cookies)));
        using var page = await portalB.GetAsync("/compte");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("employer@sstrn.demo", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_person_s_own_change_through_node_A_shows_in_the_header_node_B_kept()
    {
        await DemoData.SeedAsync(Factory.Services);
        var cookies = new CookieContainer();
        var portalA = new PortalClient(Factory.CreateDefaultClient(new Uri($"https://{Host}"), new CookieContainerHandler(cookies)));
        await portalA.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        var portalB = new PortalClient(Factory.NodeB.CreateDefaultClient(new Uri($"https://{Host}"), new CookieContainerHandler(cookies)));
        Assert.DoesNotContain("(102.1)", await portalB.GetHtmlAsync("/compte")); // node B keeps this header for 30 s

        // The person's change, through node A: here they become a member of a second company.
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var db = scope.ServiceProvider.GetRequiredService<Platform.Features.Persistence.PlatformDbContext>();
            var identity = scope.ServiceProvider.GetRequiredService<Platform.Features.Persistence.IdentityDb>();
            var user = await identity.Users.SingleAsync(u => u.Email == "employer@sstrn.demo");
            var company = await db.Companies.SingleAsync(c => c.MemberNumber == "102.1");
            db.Memberships.Add(new Membership { UserId = user.Id, CompanyId = company.Id, Roles = [CompanyRoles.Administrator] });
            await db.SaveChangesAsync();
        }
        await portalA.SubmitAsync("/compte", new Dictionary<string, string>());

        Assert.Contains("(102.1)", await portalB.GetHtmlAsync("/compte"));
    }
}
