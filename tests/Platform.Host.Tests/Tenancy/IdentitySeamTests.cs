using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Tenancy;

/// <summary>
/// sst68 on a database of its own (a second SQLite file, or a second PostgreSQL database on the
/// PostgreSQL lane): people, API clients and OpenIddict's rows stay in the platform database, the
/// tenant's rows go to its own, and signing in, tokens and the accountant's view work as before
/// (DESIGN.md 4).
/// </summary>
public sealed class IdentitySeamTests(OwnDatabaseFactory factory) : PlatformTest<OwnDatabaseFactory>(factory)
{
    private const string Sst68 = "sst68.localhost";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await DemoData.SeedAsync(Factory.Services, workforce: false);
    }

    private Task<int> PlatformCountAsync(string sql) => OwnDatabaseFactory.CountAsync(Factory.Database, sql);
    private Task<int> Sst68CountAsync(string sql) => OwnDatabaseFactory.CountAsync(Factory.Sst68Database, sql);

    private async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(string host, Dictionary<string, string> form)
    {
        form["client_id"] = "portal";
        if (form["grant_type"] == "password") form["scope"] = "offline_access"; // a refresh token too
        using var response = await Factory.ClientFor(host).PostAsync("/connect/token", new FormUrlEncodedContent(form));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private async Task<string?> MeAsync(string host, string accessToken)
    {
        var me = (await Factory.GraphQLAsync(host, "{ me { email } }", token: accessToken)).GetProperty("data").GetProperty("me");
        return me.ValueKind == JsonValueKind.Null ? null : me.GetProperty("email").GetString();
    }

    [Fact]
    public async Task Demo_people_are_platform_rows_and_sst68_s_companies_stay_in_its_own_database()
    {
        // Every demo person once, in the platform database; none in sst68's, whose login names point at them.
        Assert.Equal(13, await PlatformCountAsync("SELECT COUNT(*) FROM \"Users\""));
        Assert.Equal(0, await Sst68CountAsync("SELECT COUNT(*) FROM \"Users\""));
        Assert.Equal(2, await Sst68CountAsync("SELECT COUNT(*) FROM \"LoginNames\" WHERE \"TenantId\" = 'sst68'"));
        Assert.Equal(2, await Sst68CountAsync("SELECT COUNT(*) FROM \"Companies\" WHERE \"TenantId\" = 'sst68'"));
        Assert.Equal(0, await PlatformCountAsync("SELECT COUNT(*) FROM \"Companies\" WHERE \"TenantId\" = 'sst68'"));
        Assert.Equal(0, await PlatformCountAsync("SELECT COUNT(*) FROM \"Memberships\" WHERE \"TenantId\" = 'sst68'"));
        // The portal's client is registered once, in the platform database.
        Assert.Equal(1, await PlatformCountAsync("SELECT COUNT(*) FROM \"OpenIddictApplications\" WHERE \"ClientId\" = 'portal'"));
        Assert.Equal(0, await Sst68CountAsync("SELECT COUNT(*) FROM \"OpenIddictApplications\""));
    }

    [Fact]
    public async Task The_sst68_employer_gets_tokens_refreshes_them_and_its_employees_land_in_sst68_s_database()
    {
        var (status, first) = await TokenAsync(Sst68, new() { ["grant_type"] = "password", ["username"] = "680001", ["password"] = DemoData.Password });
        Assert.Equal(HttpStatusCode.OK, status);
        var access = first.GetProperty("access_token").GetString()!;
        Assert.Equal("employer@sst68.demo", await MeAsync(Sst68, access));
        // The refresh token is an OpenIddict row: in the platform database, never in sst68's.
        Assert.True(await PlatformCountAsync("SELECT COUNT(*) FROM \"OpenIddictTokens\"") > 0);
        Assert.Equal(0, await Sst68CountAsync("SELECT COUNT(*) FROM \"OpenIddictTokens\""));

        var (refreshedStatus, refreshed) = await TokenAsync(Sst68, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = first.GetProperty("refresh_token").GetString()! });
        Assert.Equal(HttpStatusCode.OK, refreshedStatus);
        Assert.Equal("employer@sst68.demo", await MeAsync(Sst68, refreshed.GetProperty("access_token").GetString()!));

        var api = new DemoApi(Factory, "sst68");
        var company = await api.CompanyIdAsync("680001");
        var created = await api.MutateAsync(access, "createEmployee", EmployeeTests.CreateEmployee, EmployeeTests.EmployeeInput(company, "Jean", "Dupont"));
        Assert.Empty(DemoApi.ErrorCodes(created));
        Assert.Equal(1, await Sst68CountAsync("SELECT COUNT(*) FROM \"Employees\" WHERE \"TenantId\" = 'sst68'"));
        Assert.Equal(0, await PlatformCountAsync("SELECT COUNT(*) FROM \"Employees\""));
    }

    [Fact]
    public async Task The_sst68_staff_sign_in_with_their_authenticator()
    {
        // Staff membership and its second factor in sst68's database, the person in the platform's.
        var staff = await new DemoApi(Factory, "sst68").StaffTokenAsync();
        Assert.Equal("staff@sst68.demo", await MeAsync(Sst68, staff));
    }

    [Fact]
    public async Task The_portal_cookie_signs_in_and_a_password_change_ends_the_other_sessions_across_the_seam()
    {
        var (_, api) = await TokenAsync(Sst68, new() { ["grant_type"] = "password", ["username"] = "680001", ["password"] = DemoData.Password });
        var portal = Factory.PortalFor(Sst68);
        var signIn = await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "680001", ["Password"] = DemoData.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("employer@sst68.demo", await portal.GetHtmlAsync("/compte"));

        var changed = await PortalClient.HtmlAsync(await portal.SubmitAsync("/compte",
            new Dictionary<string, string> { ["CurrentPassword"] = DemoData.Password, ["NewPassword"] = "Mulhouse-2027!" }));
        Assert.DoesNotContain("incorrect", changed);
        // The new password and stamp were saved on the person (platform database), the refresh token revoked there.
        var (refused, _) = await TokenAsync(Sst68, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = api.GetProperty("refresh_token").GetString()! });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        var (again, _) = await TokenAsync(Sst68, new() { ["grant_type"] = "password", ["username"] = "680001", ["password"] = "Mulhouse-2027!" });
        Assert.Equal(HttpStatusCode.OK, again);
    }

    [Fact]
    public async Task The_accountant_sees_clients_of_both_databases_from_either_tenant()
    {
        const string query = "{ clientsAcrossTenants { tenant { slug } company { memberNumber } } }";
        static List<string> Clients(JsonElement result) =>
            result.GetProperty("data").GetProperty("clientsAcrossTenants").EnumerateArray()
                .Select(c => $"{c.GetProperty("tenant").GetProperty("slug").GetString()}/{c.GetProperty("company").GetProperty("memberNumber").GetString()}")
                .Order(StringComparer.Ordinal).ToList();

        var fromSstrn = await Factory.TokenAsync("sstrn.localhost", DemoData.AccountantEmail, DemoData.Password);
        var seen = Clients(await Factory.GraphQLAsync("sstrn.localhost", query, token: fromSstrn));
        Assert.Equal(["sist-on/ON0002", "sst68/680002", "sstbtp-bfc/250002", "sstrn/102.1"], seen);

        // On sst68 the accountant signs in with the client's member number (a login name in sst68's database).
        var fromSst68 = await Factory.TokenAsync(Sst68, "680002", DemoData.Password);
        Assert.Equal(DemoData.AccountantEmail, await MeAsync(Sst68, fromSst68));
        Assert.Equal(seen, Clients(await Factory.GraphQLAsync(Sst68, query, token: fromSst68)));
    }

    [Fact]
    public async Task A_tenant_s_context_refuses_to_write_a_person()
    {
        await using var scope = Factory.Services.CreateTenantScope("sst68");
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        db.Set<User>().Add(new User { Email = "egare@example.fr", NormalizedEmail = "EGARE@EXAMPLE.FR", FirstName = "É", LastName = "G" });
        await Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
        Assert.Equal(0, await Sst68CountAsync("SELECT COUNT(*) FROM \"Users\""));
    }
}
