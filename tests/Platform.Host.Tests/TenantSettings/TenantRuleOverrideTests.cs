using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Platform.Features;
using Platform.Features.Access;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Auditing;
using Platform.Features.Persistence;
using Platform.Features.TenantSettings;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;
using Platform.Tenancy.Rules;

namespace Platform.Host.Tests.TenantSettings;

/// <summary>Run-time rule changes: validated, stored, audited, winning over the file — for one tenant only.</summary>
public sealed class TenantRuleOverrideTests(PlatformFactory factory) : PlatformTest(factory)
{
    private static readonly Actor Admin = new(Guid.Parse("0195a7c2-0000-7000-8000-000000000001"), "Antoine Administrateur");

    private async Task<Outcome<TenantRules>> ChangeAsync(string tenant, string path, string json, bool confirm = false,
        string? staffRole = nameof(StaffRole.Administrator))
    {
        await using var scope = AdministratorScope(tenant, staffRole);
        return await scope.ServiceProvider.GetRequiredService<TenantRulesAdministration>()
            .ChangeAsync(new RuleChangeRequest(path, json, confirm));
    }

    /// <summary>A tenant scope whose caller is Admin with the given staff role (none: a member).</summary>
    private AsyncServiceScope AdministratorScope(string tenant, string? staffRole = nameof(StaffRole.Administrator))
    {
        var scope = Factory.Services.CreateTenantScope(tenant);
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, Admin.UserId.ToString()!), new(PlatformClaims.Name, Admin.DisplayName) };
        if (staffRole is not null) claims.Add(new(CurrentUser.StaffRoleClaim, staffRole));
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")));
        return scope;
    }

    [Theory]
    [InlineData(nameof(StaffRole.Staff))]
    [InlineData(null)]
    public async Task Only_a_tenant_administrator_changes_rules_whoever_calls_the_service(string? staffRole)
    {
        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            ChangeAsync("sstrn", "theme.primaryColor", "\"#123456\"", staffRole: staffRole));
        Assert.Equal(AccessDenial.Forbidden, denied.Denial);
        Assert.Equal(0, await StoredCountAsync());
        Assert.Equal("#00607A", await PrimaryColorAsync("sstrn.localhost"));
    }

    private async Task<int> StoredCountAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return await db.TenantRuleOverrides.IgnoreQueryFilters().CountAsync() + await db.TenantRuleChanges.IgnoreQueryFilters().CountAsync();
    }

    private async Task<string> PrimaryColorAsync(string host) =>
        (await Factory.GraphQLAsync(host, "{ tenant { theme { primaryColor } } }"))
        .GetProperty("data").GetProperty("tenant").GetProperty("theme").GetProperty("primaryColor").GetString()!;

    [Fact]
    public async Task An_override_wins_over_the_file_on_its_own_tenant_only()
    {
        Assert.Equal("#00607A", await PrimaryColorAsync("sstrn.localhost"));

        var result = await ChangeAsync("sstrn", "theme.primaryColor", "\"#123456\"");

        Assert.Empty(result.Errors);
        Assert.Equal("#123456", await PrimaryColorAsync("sstrn.localhost"));
        Assert.Equal("#005CA9", await PrimaryColorAsync("sst68.localhost"));
        var client = Factory.ClientFor("sstrn.localhost");
        Assert.Contains("--primary: #123456", await PortalClient.ThemeOfAsync(client, await client.GetStringAsync("/")));
    }

    [Fact]
    public async Task Each_change_is_audited_with_who_when_old_and_new()
    {
        await ChangeAsync("sstrn", "theme.contact.phone", "\"02 40 00 00 00\"");
        Factory.Clock.Advance(TimeSpan.FromMinutes(3));
        await ChangeAsync("sstrn", "theme.contact.phone", "\"02 40 11 11 11\"");

        await using var scope = AdministratorScope("sstrn");
        var history = await scope.ServiceProvider.GetRequiredService<TenantRulesAdministration>().HistoryAsync();
        Assert.Equal(2, history.Count);
        Assert.Equal("\"02 40 11 11 11\"", history[0].NewValueJson);
        Assert.Equal("\"02 40 00 00 00\"", history[0].OldValueJson);
        Assert.Equal("\"02 59 45 10 10\"", history[1].OldValueJson);
        Assert.All(history, h => Assert.Equal("Antoine Administrateur", h.ChangedBy));
        Assert.InRange(history[0].ChangedAt - history[1].ChangedAt, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(4));
        var audit = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().AuditEntries.ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal(Admin.UserId, a.ActorUserId));

        await using var other = AdministratorScope("sst68");
        Assert.Empty(await other.ServiceProvider.GetRequiredService<TenantRulesAdministration>().HistoryAsync());
    }

    [Fact]
    public async Task A_rate_outside_the_national_range_needs_confirmation()
    {
        const string rates = """[{ "year": 2026, "perEmployee": 150.00, "vatPercent": 20 }]""";

        var refused = await ChangeAsync("sst68", "rates", rates);

        Assert.True(refused.NeedsConfirmation());
        var error = Assert.Single(refused.Errors);
        Assert.Equal(RuleError.RateOutsideNationalRange, error.Code);
        Assert.Equal("rates[0].perEmployee", error.Field);
        Assert.Contains("92,80", error.Message.Replace('.', ','));
        Assert.Equal(0, await StoredCountAsync());

        var confirmed = await ChangeAsync("sst68", "rates", rates, confirm: true);

        Assert.Empty(confirmed.Errors);
        var rate = confirmed.Value!.RatesFor(2026)!;
        Assert.Equal(150.00m, rate.PerEmployee);
        Assert.True(rate.ApprovedOutsideNationalRange);
    }

    [Fact]
    public async Task A_rate_inside_the_range_needs_no_confirmation()
    {
        var result = await ChangeAsync("sst68", "rates", """[{ "year": 2026, "perEmployee": 139.20, "vatPercent": 20 }]""");
        Assert.Empty(result.Errors);
        Assert.False(result.NeedsConfirmation());
    }

    [Theory]
    [InlineData("theme.primaryColor", "\"rouge\"", "theme.primaryColor")]
    [InlineData("theme.primaryColor", "not json", "value")]
    [InlineData("slug", "\"autre\"", "path")]
    [InlineData("hosts", "[\"evil.example\"]", "path")]
    [InlineData("../etc", "1", "path")]
    [InlineData("theme.colour", "\"#000000\"", "theme.colour")]
    [InlineData("cancellation", "{ \"hours\": 48, \"workingDays\": 3 }", "cancellation")]
    [InlineData("login.proof", "\"EmailCode\"", "login.identifier")]
    public async Task Invalid_changes_are_refused_with_the_field_and_nothing_is_stored(string path, string json, string field)
    {
        var result = await ChangeAsync("sst68", path, json);

        Assert.NotEmpty(result.Errors);
        Assert.Contains(result.Errors, e => e.Field == field);
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
        Assert.Equal(0, await StoredCountAsync());
        Assert.Equal("#005CA9", await PrimaryColorAsync("sst68.localhost"));
    }

    [Fact]
    public async Task Setting_the_current_value_again_writes_nothing()
    {
        var result = await ChangeAsync("sstrn", "theme.primaryColor", "\"#00607A\"");
        Assert.Empty(result.Errors);
        Assert.Equal(0, await StoredCountAsync());
    }

    [Fact]
    public async Task Overrides_survive_a_cache_reset()
    {
        await ChangeAsync("sist-on", "cancellation.hours", "72");
        var cache = Factory.Services.GetRequiredService<TenantRulesCache>();
        var tenant = Factory.Services.GetRequiredService<TenantCatalog>().FindBySlug("sist-on")!;
        cache.Invalidate(tenant);
        Assert.Equal(72, (await cache.GetAsync(tenant)).Rules.Cancellation.Hours);
    }
    [Fact]
    public async Task A_part_changed_after_its_whole_wins_and_a_whole_changed_after_its_parts_replaces_them()
    {
        var theme = """{ "primaryColor": "#111111", "secondaryColor": "#222222", "logo": "sstrn.svg", "contact": { "phone": "01", "email": "a@b.fr", "openingHours": "9 h" } }""";
        Assert.Empty((await ChangeAsync("sstrn", "theme", theme)).Errors);
        Assert.Empty((await ChangeAsync("sstrn", "theme.primaryColor", "\"#333333\"")).Errors);
        var tenant = Factory.Services.GetRequiredService<TenantCatalog>().FindBySlug("sstrn")!;
        var cache = Factory.Services.GetRequiredService<TenantRulesCache>();
        cache.Invalidate(tenant);
        var rules = (await cache.GetAsync(tenant)).Rules;
        Assert.Equal("#333333", rules.Theme.PrimaryColor);
        Assert.Equal("#222222", rules.Theme.SecondaryColor);

        Assert.Empty((await ChangeAsync("sstrn", "theme", theme)).Errors);
        cache.Invalidate(tenant);
        Assert.Equal("#111111", (await cache.GetAsync(tenant)).Rules.Theme.PrimaryColor);
        await using var scope = Factory.Services.CreateTenantScope("sstrn");
        Assert.Equal(new[] { "theme" }, await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().TenantRuleOverrides.Select(o => o.Path).ToListAsync());
    }

    [Fact]
    public async Task Going_back_to_the_file_value_is_refused_when_it_no_longer_fits_the_other_rules()
    {
        var changed = await ChangeManyAsync("sst68",
            new RuleValue("login.identifier", JsonValue.Create("Email")), new RuleValue("login.proof", JsonValue.Create("EmailCode")),
            new RuleValue("login.passwordRule", null), new RuleValue("login.emailCode", new JsonObject { ["digits"] = 6 }));
        Assert.Empty(changed.Errors);

        await using var scope = AdministratorScope("sst68");
        var administration = scope.ServiceProvider.GetRequiredService<TenantRulesAdministration>();
        var refused = await administration.RevertAsync("login.proof");
        Assert.Contains(refused.Errors, e => e.Field == "login.passwordRule" && e.Message.StartsWith("impossible de revenir à la valeur du fichier"));
        Assert.Equal(LoginProof.EmailCode, (await ChangeManyAsync("sst68")).Value!.Login.Proof);

        var none = await administration.RevertAsync("theme.primaryColor");
        Assert.Equal("RULE_NOT_OVERRIDDEN", Assert.Single(none.Errors).Code);
    }

    private async Task<Outcome<TenantRules>> ChangeManyAsync(string tenant, params RuleValue[] values)
    {
        await using var scope = AdministratorScope(tenant);
        return await scope.ServiceProvider.GetRequiredService<TenantRulesAdministration>().ChangeManyAsync(values);
    }
}
