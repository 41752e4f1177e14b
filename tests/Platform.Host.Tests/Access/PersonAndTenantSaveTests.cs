using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Platform.Features.Access;
using Platform.Features.Auditing;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Access;

/// <summary>Fails the tenant's save that records a given audit action: the second of the two saves of a change to a person.</summary>
public sealed class FailingTenantSave : SaveChangesInterceptor
{
    public string? FailOnAction { get; set; }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (FailOnAction is { } action && eventData.Context is PlatformDbContext context
            && context.ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added && e.Entity.Action == action))
            throw new DbUpdateException($"Panne simulée à l'enregistrement de « {action} ».");
        return base.SavingChangesAsync(eventData, result, ct);
    }
}

public sealed class FailingSaveFactory : PlatformFactory
{
    public FailingTenantSave Failure { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Failure));
    }

    public override async Task ResetAsync()
    {
        Failure.FailOnAction = null;
        await base.ResetAsync();
    }
}

/// <summary>
/// A change to a person (platform rows) and to the tenant's rows is two saves; on one database they
/// share one transaction, so a failure of the tenant's save leaves nothing of the person behind.
/// </summary>
public sealed class PersonAndTenantSaveTests(FailingSaveFactory factory) : PlatformTest<FailingSaveFactory>(factory)
{
    private const string Tenant = "sstrn";

    private async Task<T> AsAsync<T>(string? email, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Factory.Services.CreateTenantScope(Tenant);
        if (email is not null)
        {
            var user = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Users.AsNoTracking().SingleAsync(u => u.Email == email);
            var staffRole = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().StaffMembers
                .Where(s => s.UserId == user.Id).Select(s => (StaffRole?)s.Role).SingleOrDefaultAsync();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(new ClaimsPrincipal(SignedInUser.Of(user, Tenant, staffRole).ToIdentity("test")));
        }
        return await action(scope.ServiceProvider);
    }

    private async Task<bool> PersonExistsAsync(string email)
    {
        await using var scope = Factory.Services.CreatePlatformScope();
        var normalized = User.Normalize(email);
        return await scope.ServiceProvider.GetRequiredService<IdentityDb>().Users.AnyAsync(u => u.NormalizedEmail == normalized);
    }

    [Fact]
    public async Task A_failed_invitation_acceptance_leaves_no_account_without_access_and_can_be_retried()
    {
        await DemoData.SeedAsync(Factory.Services);
        var company = await new DemoApi(Factory, Tenant).CompanyIdAsync("101.1");
        var token = OneTimeSecrets.NewLinkToken();
        await AsAsync<int>(null, async sp =>
        {
            var db = sp.GetRequiredService<PlatformDbContext>();
            db.Invitations.Add(new Invitation
            {
                CompanyId = company, Email = "nina@example.fr", TokenHash = OneTimeSecrets.Hash(token), Roles = ["Convocation"],
                ExpiresAt = Factory.Clock.GetUtcNow().AddDays(7), CreatedAt = Factory.Clock.GetUtcNow(), InvitedByUserId = Guid.NewGuid(),
            });
            return await db.SaveChangesAsync();
        });

        Factory.Failure.FailOnAction = "invitation-accepted";
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => AsAsync(null, sp =>
            sp.GetRequiredService<CompanyUsers>().AcceptAsync(token, "Nina", "Nouvelle", "Nouvelle-2026!")));
        Assert.False(await PersonExistsAsync("nina@example.fr"));

        Factory.Failure.FailOnAction = null;
        var accepted = await AsAsync(null, sp => sp.GetRequiredService<CompanyUsers>().AcceptAsync(token, "Nina", "Nouvelle", "Nouvelle-2026!"));
        Assert.Empty(accepted.Errors);
        Assert.True(await AsAsync(null, sp => sp.GetRequiredService<PlatformDbContext>().Memberships.AnyAsync(m => m.UserId == accepted.Value!.User.UserId && m.CompanyId == company)));
        // The person's context borrowed the tenant's connection for that transaction: later requests (each a new
        // person's context) still reach the platform database (a pooled one kept the disposed connection: 500s on PostgreSQL).
        for (var i = 0; i < 3; i++) Assert.NotEmpty(await Factory.TokenAsync($"{Tenant}.localhost", "nina@example.fr", "Nouvelle-2026!"));
    }

    [Fact]
    public async Task A_failed_staff_addition_leaves_no_account_behind()
    {
        await DemoData.SeedAsync(Factory.Services);
        Factory.Failure.FailOnAction = "staff-added";
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => AsAsync($"admin@{Tenant}.demo", sp =>
            sp.GetRequiredService<StaffAccounts>().AddAsync("martine@sstrn.fr", "Martine", "Secrétaire", StaffRole.Staff, "https://sstrn.localhost")));
        Assert.False(await PersonExistsAsync("martine@sstrn.fr"));
    }

    [Fact]
    public async Task A_failed_account_creation_leaves_no_account_waiting_for_a_link_never_sent()
    {
        Factory.Failure.FailOnAction = "account-created";
        var account = new NewAccount("Lucie", "Lemoine", "lucie@example.fr", "Gérante", [AccountCreation.Uses[0]]);
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => AsAsync(null, sp =>
            sp.GetRequiredService<AccountCreation>().CreateAsync(account, "https://sstrn.localhost")));
        Assert.False(await PersonExistsAsync("lucie@example.fr"));
        Assert.Equal(0, await AsAsync(null, sp => sp.GetRequiredService<PlatformDbContext>().OutboxEmails.CountAsync()));
    }

    [Fact]
    public async Task A_failed_api_client_creation_leaves_no_working_client_unrecorded()
    {
        await DemoData.SeedAsync(Factory.Services);
        Factory.Failure.FailOnAction = "api-client-created";
        // API access is for firms: the demo accountant, who manages a company on every tenant.
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => AsAsync(DemoData.AccountantEmail, sp =>
            sp.GetRequiredService<ApiClients>().CreateAsync("Logiciel du cabinet")));
        await using var scope = Factory.Services.CreatePlatformScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<IdentityDb>().ApiClients.CountAsync());
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var clientIds = new List<string?>();
        await foreach (var application in applications.ListAsync()) clientIds.Add(await applications.GetClientIdAsync(application));
        Assert.DoesNotContain(clientIds, id => id?.StartsWith("cabinet-", StringComparison.Ordinal) == true);
    }
}
