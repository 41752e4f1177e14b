using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Host.Tests.Infrastructure;

namespace Platform.Host.Tests.Access;

/// <summary>The contract's token endpoint: POST /connect/token on the tenant host, client_id "portal".</summary>
public sealed class TokenEndpointTests(PlatformFactory factory) : PlatformTest(factory)
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(string host, Dictionary<string, string> form)
    {
        form.TryAdd("client_id", "portal");
        using var response = await Factory.ClientFor(host).PostAsync("/connect/token", new FormUrlEncodedContent(form));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private Task<(HttpStatusCode Status, JsonElement Body)> PasswordAsync(string host, string username, string password, string? code = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = username, ["password"] = password, ["scope"] = "offline_access" };
        if (code is not null) form["authenticator_code"] = code;
        return TokenAsync(host, form);
    }

    private async Task<JsonElement> GraphQLWithTokenAsync(string host, string token, string query)
    {
        var client = Factory.ClientFor(host);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.PostAsJsonAsync("/graphql", new { query });
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Password_grant_gives_tokens_that_read_me()
    {
        await DemoData.SeedAsync(Factory.Services);
        var (status, body) = await PasswordAsync("sstrn.localhost", "employer@sstrn.demo", DemoData.Password);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.True(body.TryGetProperty("refresh_token", out _));
        var me = (await GraphQLWithTokenAsync("sstrn.localhost", body.GetProperty("access_token").GetString()!,
            "{ me { email firstName memberships { roles company { memberNumber name } } } }")).GetProperty("data").GetProperty("me");
        Assert.Equal("employer@sstrn.demo", me.GetProperty("email").GetString());
        var membership = me.GetProperty("memberships")[0];
        Assert.Equal("101.1", membership.GetProperty("company").GetProperty("memberNumber").GetString());
        Assert.Equal("Administrateur", membership.GetProperty("roles")[0].GetString());
    }

    [Fact]
    public async Task A_token_of_one_tenant_is_refused_on_another()
    {
        await DemoData.SeedAsync(Factory.Services);
        var (_, body) = await PasswordAsync("sstrn.localhost", DemoData.AccountantEmail, DemoData.Password);
        var token = body.GetProperty("access_token").GetString()!;

        var own = await GraphQLWithTokenAsync("sstrn.localhost", token, "{ me { email } }");
        Assert.Equal(DemoData.AccountantEmail, own.GetProperty("data").GetProperty("me").GetProperty("email").GetString());
        // The accountant has a client on sist-on too, yet the sstrn token is worth nothing there: refused
        // (401 invalid_token, ApiForDevelopersTests checks the header), never run as someone.
        var other = await GraphQLWithTokenAsync("sist-on.localhost", token, "{ me { email } }");
        Assert.False(other.TryGetProperty("data", out _));
        Assert.Equal("INVALID_TOKEN", other.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_token_already_accepted_is_accepted_again_but_an_altered_copy_is_not()
    {
        // Validated tokens are remembered by their exact text (ValidatedBearerTokens): the same token
        // reads `me` again and again; the same token with a changed signature is refused (401 invalid_token), every time.
        await DemoData.SeedAsync(Factory.Services);
        var (_, body) = await PasswordAsync("sstrn.localhost", "employer@sstrn.demo", DemoData.Password);
        var token = body.GetProperty("access_token").GetString()!;
        var altered = token[..^4] + (token[^4] == 'A' ? "BBBB" : "AAAA");

        for (var i = 0; i < 3; i++)
        {
            var me = await GraphQLWithTokenAsync("sstrn.localhost", token, "{ me { email } }");
            Assert.Equal("employer@sstrn.demo", me.GetProperty("data").GetProperty("me").GetProperty("email").GetString());
            var forged = await GraphQLWithTokenAsync("sstrn.localhost", altered, "{ me { email } }");
            Assert.Equal("INVALID_TOKEN", forged.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Refresh_token_gives_a_new_access_token()
    {
        await DemoData.SeedAsync(Factory.Services);
        var (_, first) = await PasswordAsync("sst68.localhost", "680001", DemoData.Password);
        var (status, refreshed) = await TokenAsync("sst68.localhost", new()
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = first.GetProperty("refresh_token").GetString()!,
        });
        Assert.Equal(HttpStatusCode.OK, status);
        var me = await GraphQLWithTokenAsync("sst68.localhost", refreshed.GetProperty("access_token").GetString()!, "{ me { email } }");
        Assert.Equal("employer@sst68.demo", me.GetProperty("data").GetProperty("me").GetProperty("email").GetString());

        var (elsewhere, _) = await TokenAsync("sstrn.localhost", new()
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshed.GetProperty("refresh_token").GetString()!,
        });
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere);
    }

    [Fact]
    public async Task Wrong_passwords_are_refused_with_the_tenant_lockout()
    {
        await DemoData.SeedAsync(Factory.Services);
        for (var i = 0; i < 2; i++)
        {
            var (status, body) = await PasswordAsync("sstrn.localhost", "employer@sstrn.demo", "Mauvais-1!");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
            Assert.Equal("Identifiant ou mot de passe incorrect.", body.GetProperty("error_description").GetString());
        }
        var (_, locked) = await PasswordAsync("sstrn.localhost", "employer@sstrn.demo", "Mauvais-1!");
        Assert.Contains("bloqué pendant encore 5 minutes", locked.GetProperty("error_description").GetString());
        var (_, stillLocked) = await PasswordAsync("sstrn.localhost", "employer@sstrn.demo", DemoData.Password);
        Assert.Contains("bloqué", stillLocked.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Staff_need_their_authenticator_code_and_administrators_can_change_rules()
    {
        await DemoData.SeedAsync(Factory.Services);
        var (status, missing) = await PasswordAsync("sstrn.localhost", "admin@sstrn.demo", DemoData.Password);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("authenticator_code", missing.GetProperty("error_description").GetString());

        var code = TotpCodes.CurrentCode(DemoData.StaffTotpSecret, Factory.Clock.GetUtcNow());
        var (ok, body) = await PasswordAsync("sstrn.localhost", "admin@sstrn.demo", DemoData.Password, code);
        Assert.Equal(HttpStatusCode.OK, ok);
        var token = body.GetProperty("access_token").GetString()!;

        var change = await GraphQLWithTokenAsync("sstrn.localhost", token,
            """mutation { updateTenantRules(input: { path: "theme.primaryColor", value: "\"#224466\"" }) { tenant { theme { primaryColor } } errors { code } } }""");
        Assert.Equal("#224466", change.GetProperty("data").GetProperty("updateTenantRules").GetProperty("tenant").GetProperty("theme").GetProperty("primaryColor").GetString());
        var history = await GraphQLWithTokenAsync("sstrn.localhost", token, "{ tenantRuleChanges { path oldValue newValue changedBy } }");
        var entry = history.GetProperty("data").GetProperty("tenantRuleChanges")[0];
        Assert.Equal("\"#00607A\"", entry.GetProperty("oldValue").GetString());
        Assert.Equal("Antoine Administrateur", entry.GetProperty("changedBy").GetString());
    }

    [Fact]
    public async Task Employers_and_staff_cannot_change_tenant_rules()
    {
        await DemoData.SeedAsync(Factory.Services);
        var (_, employer) = await PasswordAsync("sstrn.localhost", "employer@sstrn.demo", DemoData.Password);
        var code = TotpCodes.CurrentCode(DemoData.StaffTotpSecret, Factory.Clock.GetUtcNow());
        var (_, staff) = await PasswordAsync("sstrn.localhost", "staff@sstrn.demo", DemoData.Password, code);
        foreach (var token in new[] { employer, staff }.Select(b => b.GetProperty("access_token").GetString()!))
        {
            var result = await GraphQLWithTokenAsync("sstrn.localhost", token,
                """mutation { updateTenantRules(input: { path: "theme.primaryColor", value: "\"#000000\"" }) { errors { code } } }""");
            Assert.Equal("FORBIDDEN", result.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Unknown_grant_types_and_clients_are_refused()
    {
        var (status, body) = await TokenAsync("sstrn.localhost", new() { ["grant_type"] = "authorization_code", ["code"] = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("unsupported_grant_type", body.GetProperty("error").GetString());

        var (unknownClient, refused) = await TokenAsync("sstrn.localhost", new()
        {
            ["client_id"] = "intrus", ["grant_type"] = "password", ["username"] = "a@b.fr", ["password"] = "x",
        });
        Assert.Equal(HttpStatusCode.Unauthorized, unknownClient);
        Assert.Equal("invalid_client", refused.GetProperty("error").GetString());
    }
}
