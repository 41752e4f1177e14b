using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Access;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Tenancy;

namespace Platform.Host.Tests.Infrastructure;

/// <summary>The demo accounts over the real token endpoint and GraphQL, for the tests of a capability.</summary>
public sealed class DemoApi(PlatformFactory factory, string tenant)
{
    public string Host => $"{tenant}.localhost";

    /// <summary>The demo employer (member number on tenants that sign in with it, e-mail elsewhere).</summary>
    public async Task<string> EmployerTokenAsync() =>
        await factory.TokenAsync(Host, tenant switch { "sst68" => "680001", "sstbtp-bfc" => "250001", _ => $"employer@{tenant}.demo" }, DemoData.Password);

    public async Task<string> StaffTokenAsync()
    {
        factory.Clock.Advance(TimeSpan.FromSeconds(30)); // an authenticator code serves once: a fresh step for each sign-in
        return await factory.TokenAsync(Host, $"staff@{tenant}.demo", DemoData.Password, TotpCodes.CurrentCode(DemoData.StaffTotpSecret, factory.Clock.GetUtcNow()));
    }

    public async Task<Guid> CompanyIdAsync(string memberNumber)
    {
        await using var scope = factory.Services.CreateTenantScope(tenant);
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Companies.Where(c => c.MemberNumber == memberNumber).Select(c => c.Id).SingleAsync();
    }

    /// <summary>Gives the demo accountant these roles on a company of this tenant (as its administrator would).</summary>
    public async Task GrantAccountantAsync(Guid company, params string[] roles)
    {
        await using var scope = factory.Services.CreateTenantScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var accountant = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Users.SingleAsync(u => u.Email == DemoData.AccountantEmail);
        db.Memberships.Add(new Membership { UserId = accountant.Id, CompanyId = company, Roles = [.. roles] });
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Switches this tenant to employers inviting their users (sist-on's way). The management request
    /// goes first: it is offered only where people ask for access themselves.
    /// </summary>
    public async Task LetEmployersInviteAsync()
    {
        await SetRuleAsync("demarches.manage", "false");
        await SetRuleAsync("users.subUsers", "\"EmployerInvitation\"");
    }

    /// <summary>Changes one of this tenant's rules as its administrator could (a stored override).</summary>
    public async Task SetRuleAsync(string path, string json)
    {
        await using var scope = factory.Services.CreateTenantScope(tenant);
        // The service checks its caller: a tenant administrator of this tenant.
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
        [
            new(System.Security.Claims.ClaimTypes.NameIdentifier, Guid.CreateVersion7().ToString()),
            new(PlatformClaims.Name, "Administrateur des tests"),
            new(CurrentUser.StaffRoleClaim, nameof(StaffRole.Administrator)),
        ], "test")));
        var result = await scope.ServiceProvider.GetRequiredService<Platform.Features.TenantSettings.TenantRulesAdministration>()
            .ChangeAsync(new(path, json));
        if (result.Errors.Count > 0) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Message)));
    }

    /// <summary>Runs a query and returns its data; fails on any GraphQL error.</summary>
    public async Task<JsonElement> DataAsync(string token, string query, object? variables = null)
    {
        var result = await factory.GraphQLAsync(Host, query, variables, token);
        if (result.TryGetProperty("errors", out var errors)) throw new InvalidOperationException("GraphQL errors: " + errors);
        return result.GetProperty("data");
    }

    /// <summary>The payload of a mutation: data.{field}.</summary>
    public async Task<JsonElement> MutateAsync(string token, string field, string query, object? variables = null) =>
        (await DataAsync(token, query, variables)).GetProperty(field);

    public static IReadOnlyList<string> ErrorCodes(JsonElement payload) =>
        payload.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()!).ToList();
}
