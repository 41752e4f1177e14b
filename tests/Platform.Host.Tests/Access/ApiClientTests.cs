using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Features.Demo;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.Access;

/// <summary>An accountant firm's software signs in with client credentials and acts as the firm.</summary>
public sealed partial class ApiClientTests(PlatformFactory factory) : PlatformTest(factory)
{
    [GeneratedRegex(@"<code id=""client-id"">([^<]+)</code> — secret : <code id=""client-secret"">([^<]+)</code>")] private static partial Regex Created();

    private async Task<(HttpStatusCode Status, JsonElement Body)> ClientTokenAsync(string host, string clientId, string secret)
    {
        using var response = await Factory.ClientFor(host).PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        }));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task The_firms_software_gets_tokens_on_each_tenant_where_the_firm_works_until_revoked()
    {
        await DemoData.SeedAsync(Factory.Services);
        var portal = Factory.PortalFor("sstrn.localhost");
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = DemoData.AccountantEmail, ["Password"] = DemoData.Password });
        var page = await (await portal.SubmitAsync("/compte", new Dictionary<string, string> { ["ClientName"] = "Logiciel Compta Plus" }, "/compte?handler=CreerAcces")).Content.ReadAsStringAsync();
        var match = Created().Match(page);
        Assert.True(match.Success, "no client shown");
        var (clientId, secret) = (match.Groups[1].Value, match.Groups[2].Value);
        Assert.DoesNotContain(secret, await (await portal.GetAsync("/compte")).Content.ReadAsStringAsync());

        foreach (var host in new[] { "sstrn.localhost", "sist-on.localhost" })
        {
            var (status, body) = await ClientTokenAsync(host, clientId, secret);
            Assert.Equal(HttpStatusCode.OK, status);
            var me = await Factory.GraphQLAsync(host, "{ me { email memberships { company { memberNumber } } } }", token: body.GetProperty("access_token").GetString());
            Assert.Equal(DemoData.AccountantEmail, me.GetProperty("data").GetProperty("me").GetProperty("email").GetString());
            // The firm's software reads its clients of every tenant from any tenant's host.
            var clients = await Factory.GraphQLAsync(host, "{ clientsAcrossTenants { tenant { slug } openInvoices } }", token: body.GetProperty("access_token").GetString());
            Assert.Equal(["sist-on", "sst68", "sstbtp-bfc", "sstrn"], clients.GetProperty("data").GetProperty("clientsAcrossTenants").EnumerateArray()
                .Select(c => c.GetProperty("tenant").GetProperty("slug").GetString()).Order(StringComparer.Ordinal));
        }

        var (wrongSecret, _) = await ClientTokenAsync("sstrn.localhost", clientId, "pas-le-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret);

        var revokeForm = Regex.Match(page, "action=\"(/compte\\?[^\"]*handler=Revoquer[^\"]*)\"").Groups[1].Value.Replace("&amp;", "&");
        await portal.SubmitAsync("/compte", new Dictionary<string, string>(), revokeForm);
        var (revoked, error) = await ClientTokenAsync("sstrn.localhost", clientId, secret);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked);
        Assert.Equal("invalid_client", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Staff_and_people_without_a_company_get_no_api_access()
    {
        await DemoData.SeedAsync(Factory.Services);
        var staff = await Factory.StaffPortalAsync("sstrn.localhost", "staff@sstrn.demo", DemoData.Password, DemoData.StaffTotpSecret);
        Assert.DoesNotContain("Accès API", await staff.GetHtmlAsync("/compte"));
    }
}
