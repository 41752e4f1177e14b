using System.Net;
using Platform.Features.Demo;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.Access;

public sealed class TightIpLimitFactory : PlatformFactory
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("RateLimits:SignInPerIpPerMinute", "12")];
}

public sealed class TightAccountLimitFactory : PlatformFactory
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("RateLimits:SignInPerAccountPer5Minutes", "3")];
}

public sealed class IpRateLimitTests(TightIpLimitFactory factory) : PlatformTest<TightIpLimitFactory>(factory)
{
    [Fact]
    public async Task The_token_endpoint_is_limited_per_ip()
    {
        Factory.Clock.StartOfWindow(TimeSpan.FromMinutes(1));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 13; i++)
        {
            using var response = await Factory.ClientFor("sstrn.localhost").PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = "portal", ["grant_type"] = "password", ["username"] = $"personne{i}@example.fr", ["password"] = "x",
            }));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                Assert.Contains("Trop de tentatives", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(12, statuses.Count(s => s == HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}

public sealed class AccountRateLimitTests(TightAccountLimitFactory factory) : PlatformTest<TightAccountLimitFactory>(factory)
{
    [Fact]
    public async Task Sign_in_is_limited_per_account_even_with_the_right_password()
    {
        Factory.Clock.StartOfWindow(TimeSpan.FromMinutes(5));
        await DemoData.SeedAsync(Factory.Services);
        // sist-on has no lockout of its own: only the per-account limit stops guessing there.
        var results = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var html = await PortalClient.HtmlAsync(await Factory.PortalFor("sist-on.localhost").SubmitAsync("/connexion?personnel=true",
                new Dictionary<string, string> { ["Identifier"] = "staff@sist-on.demo", ["Password"] = i < 3 ? "Mauvais-1!" : DemoData.Password }));
            results.Add(html);
        }
        Assert.All(results.Take(3), html => Assert.Contains("Identifiant ou mot de passe incorrect.", html));
        Assert.Contains("Trop de tentatives pour ce compte", results[3]);

        var other = await Factory.PortalFor("sist-on.localhost").SubmitAsync("/connexion?personnel=true",
            new Dictionary<string, string> { ["Identifier"] = "admin@sist-on.demo", ["Password"] = DemoData.Password });
        Assert.Equal("/connexion/authentificateur", other.Headers.Location?.OriginalString);
    }
}
