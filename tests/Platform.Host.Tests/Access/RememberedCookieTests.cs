using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Host.Infrastructure;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Access;

/// <summary>
/// Issue 9, « Signed-in speed »: a portal cookie is decrypted once per node and remembered by its exact
/// text and host. What it protects must hold as before: the tenant of the host and the security
/// stamp are still checked, for the remembered ticket as for a freshly decrypted one.
/// </summary>
public sealed class RememberedCookieTests(PlatformFactory factory) : PlatformTest(factory)
{
    private const string Host = "sstrn.localhost";

    /// <summary>A browser that sends exactly this cookie and keeps nothing the answers set.</summary>
    private async Task<HttpResponseMessage> WithCookieAsync(string host, string cookie, string path)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"https://{host}"), AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private async Task<string> SignedInCookieAsync()
    {
        var portal = Factory.PortalFor(Host);
        using var signIn = await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "employer@sstrn.demo", ["Password"] = DemoData.Password });
        Assert.Matches(Homes.Any, signIn.Headers.Location?.OriginalString);
        return signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(PortalAuthentication.CookieName + "=")).Split(';')[0];
    }

    private static bool SendsToSignIn(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/connexion");

    [Fact]
    public async Task A_remembered_cookie_is_refused_on_another_tenants_host()
    {
        await DemoData.SeedAsync(Factory.Services);
        var cookie = await SignedInCookieAsync();
        // Twice on its own host: the second from memory.
        for (var i = 0; i < 2; i++)
        {
            using var own = await WithCookieAsync(Host, cookie, "/compte");
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }
        // The same text on another tenant's host is not a session there, remembered or not.
        for (var i = 0; i < 2; i++)
        {
            using var other = await WithCookieAsync("sst68.localhost", cookie, "/compte");
            Assert.True(SendsToSignIn(other), $"sst68 answered {other.StatusCode}");
        }
        using var back = await WithCookieAsync(Host, cookie, "/compte");
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Fact]
    public async Task A_remembered_cookie_of_an_ended_session_is_refused_after_the_minute_and_every_time_after()
    {
        await DemoData.SeedAsync(Factory.Services);
        var cookie = await SignedInCookieAsync();
        using (var first = await WithCookieAsync(Host, cookie, "/compte")) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var remembered = await WithCookieAsync(Host, cookie, "/compte")) Assert.Equal(HttpStatusCode.OK, remembered.StatusCode);

        // What a password reset or a removal does: the person's sessions end.
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var normalized = User.Normalize("employer@sstrn.demo");
            var userId = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<Sessions>().EndAllAsync(userId);
        }
        Factory.Clock.Advance(TimeSpan.FromSeconds(61));
        // The ticket remembered before the change still carries the time of its last check: checked again, refused, each time.
        for (var i = 0; i < 3; i++)
        {
            using var refused = await WithCookieAsync(Host, cookie, "/compte");
            Assert.True(SendsToSignIn(refused), $"attempt {i + 1} answered {refused.StatusCode}");
        }
    }
}
