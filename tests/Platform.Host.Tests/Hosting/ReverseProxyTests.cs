using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Hosting;

/// <summary>
/// The host behind a TLS reverse proxy at 10.0.0.2 (ForwardedHeaders:KnownProxies). The test server has no
/// socket, so each request names the address it comes from (the proxy's, or another machine's) in a test header.
/// </summary>
public sealed class ReverseProxyFactory : PlatformFactory
{
    public const string Proxy = "10.0.0.2";
    public const string PeerHeader = "X-Test-Peer";

    protected override IEnumerable<(string Key, string Value)> Settings =>
        [("ForwardedHeaders:KnownProxies", Proxy), ("RateLimits:SignInPerIpPerMinute", "3")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new PeerAddress()));
    }

    /// <summary>Before the host's pipeline: the connection's remote address, as a socket would give it.</summary>
    private sealed class PeerAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (http.Request.Headers[PeerHeader] is [{ } peer]) http.Connection.RemoteIpAddress = IPAddress.Parse(peer);
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}

public sealed partial class ReverseProxyTests(ReverseProxyFactory factory) : PlatformTest<ReverseProxyFactory>(factory)
{
    private const string Host = "sstrn.localhost";

    [GeneratedRegex(@"(https?)://sstrn\.localhost/invitation\?jeton=")] private static partial Regex InvitationLink();

    /// <summary>The proxy terminates TLS and talks plain http to the host.</summary>
    private HttpClient From(string peer, string? forwardedFor = null, string? forwardedProto = null)
    {
        var client = Factory.ClientFor(Host, scheme: "http");
        client.DefaultRequestHeaders.Add(ReverseProxyFactory.PeerHeader, peer);
        if (forwardedFor is not null) client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        if (forwardedProto is not null) client.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        return client;
    }

    private static async Task<HttpStatusCode> WrongPasswordAsync(HttpClient client) =>
        (await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "portal", ["grant_type"] = "password", ["username"] = "personne@example.fr", ["password"] = "Mauvais-1!",
        }))).StatusCode;

    private static async Task<string> EmployerTokenAsync(HttpClient client)
    {
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "portal", ["grant_type"] = "password", ["username"] = "employer@sstrn.demo", ["password"] = DemoData.Password,
        }));
        var body = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content);
        return body.GetProperty("access_token").GetString()!;
    }

    [Fact]
    public async Task Behind_the_known_proxy_the_sign_in_limit_counts_each_client_address()
    {
        var alice = From(ReverseProxyFactory.Proxy, forwardedFor: "203.0.113.10");
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.BadRequest, await WrongPasswordAsync(alice));
        Assert.Equal(HttpStatusCode.TooManyRequests, await WrongPasswordAsync(alice));

        // Another client behind the same proxy keeps its own allowance.
        Assert.Equal(HttpStatusCode.BadRequest, await WrongPasswordAsync(From(ReverseProxyFactory.Proxy, forwardedFor: "203.0.113.11")));
    }

    [Fact]
    public async Task An_unknown_machine_cannot_choose_its_address_with_forwarded_headers()
    {
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.BadRequest, await WrongPasswordAsync(From("198.51.100.7", forwardedFor: $"203.0.113.{20 + i}")));
        Assert.Equal(HttpStatusCode.TooManyRequests, await WrongPasswordAsync(From("198.51.100.7", forwardedFor: "203.0.113.99")));
    }

    [Theory]
    [InlineData(ReverseProxyFactory.Proxy, "https")]
    [InlineData("198.51.100.8", "http")]
    public async Task Emailed_links_use_the_scheme_the_client_used_as_told_by_a_known_proxy_only(string peer, string expectedScheme)
    {
        await DemoData.SeedAsync(Factory.Services);
        await new DemoApi(Factory, "sstrn").LetEmployersInviteAsync();
        var company = await new DemoApi(Factory, "sstrn").CompanyIdAsync("101.1");
        // A token's issuer is the site as the client sees it: asked for the same way.
        var token = await EmployerTokenAsync(From(peer, forwardedFor: "203.0.113.31", forwardedProto: "https"));
        var client = From(peer, forwardedFor: "203.0.113.30", forwardedProto: "https");
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        var response = await client.PostAsync("/graphql", System.Net.Http.Json.JsonContent.Create(new
        {
            query = "mutation($i: InviteUserInput!) { inviteUser(input: $i) { errors { code } } }",
            variables = new { i = new { companyId = company, email = "nouvelle@example.fr", firstName = "Nina", lastName = "Nouvelle", roles = new[] { "Convocation" } } },
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        var email = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxEmails.SingleAsync(e => e.To == "nouvelle@example.fr");
        Assert.Equal(expectedScheme, InvitationLink().Match(email.TextBody).Groups[1].Value);
    }

    [Fact]
    public async Task Outside_development_the_session_cookie_is_secure_even_over_http_and_https_answers_carry_hsts()
    {
        await DemoData.SeedAsync(Factory.Services);
        var portal = new PortalClient(From("192.0.2.3"));
        var signIn = await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });

        var session = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("platform.session="));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);

        var https = await Factory.ClientFor(Host).GetAsync("/connexion");
        Assert.Contains("max-age=31536000", string.Join(",", https.Headers.GetValues("Strict-Transport-Security")));
    }
}
