using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Features.Companies;
using Platform.Features.Persistence;
using Platform.Host.Infrastructure;
using Platform.Host.Tests.Infrastructure;
using Platform.Tenancy;

namespace Platform.Host.Tests.Tenancy;

/// <summary>sst68 names its own connection string: a large service on its own database server (DESIGN.md 3.8).</summary>
public class OwnDatabaseFactory : PlatformFactory
{
    public TestDatabase Sst68Database { get; private set; } = null!;
    private string tenantsDirectory = "";

    protected override async Task BeforeStartAsync()
    {
        var dir = Path.Combine(DataDirectory, "sst68-db");
        Directory.CreateDirectory(dir);
        Sst68Database = await TestDatabase.CreateAsync(dir);
        tenantsDirectory = Path.Combine(DataDirectory, "tenants");
        RepositoryFiles.CopyTenantsTo(tenantsDirectory);
        var sst68 = Path.Combine(tenantsDirectory, "config", "sst68.json");
        var json = Platform.Tenancy.Rules.TenantRulesJson.ParseNode(File.ReadAllText(sst68)).AsObject();
        json["connectionStringName"] = "Sst68Database";
        File.WriteAllText(sst68, json.ToJsonString());
    }

    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("Tenancy:Directory", tenantsDirectory),
        ("ConnectionStrings:Sst68Database", Sst68Database.ConnectionString),
    ];

    protected override async Task AfterStopAsync() => await Sst68Database.DisposeAsync();

    /// <summary>Both databases start each test empty.</summary>
    public override async Task ResetAsync()
    {
        await base.ResetAsync();
        await Sst68Database.ResetAsync();
    }

    /// <summary>A count read straight from one database, beside the application.</summary>
    public static async Task<int> CountAsync(TestDatabase database, string sql)
    {
        await using var connection = database.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }
}

public sealed class TenantDatabaseTests(OwnDatabaseFactory factory) : PlatformTest<OwnDatabaseFactory>(factory)
{
    private async Task<int> CountCompaniesAsync(TestDatabase database)
    {
        await using var connection = database.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"Companies\"";
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_tenant_with_its_own_connection_string_reads_and_writes_its_own_database()
    {
        await using (var scope = Factory.Services.CreateTenantScope("sst68"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            db.Companies.Add(new Company { MemberNumber = "680001", Siret = "73282932000074", Name = "Haut-Rhin SARL" });
            await db.SaveChangesAsync();
        }
        await using (var scope = Factory.Services.CreateTenantScope("sstrn"))
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            db.Companies.Add(new Company { MemberNumber = "101.1", Siret = "73282932000074", Name = "Nantes SAS" });
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await CountCompaniesAsync(Factory.Sst68Database));
        Assert.Equal(1, await CountCompaniesAsync(Factory.Database));
        await using var check = Factory.Services.CreateTenantScope("sst68");
        Assert.Equal("Haut-Rhin SARL", (await check.ServiceProvider.GetRequiredService<PlatformDbContext>().Companies.SingleAsync()).Name);
    }

    [Fact]
    public async Task Migrate_brings_every_tenant_database_up_to_date()
    {
        await DatabaseCommands.MigrateAsync(Factory.Services); // idempotent: nothing left to apply
        await using var scope = Factory.Services.CreateTenantScope("sst68");
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.Contains(Factory.Sst68Database.ConnectionString.Split(';')[0], db.Database.GetConnectionString());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }
}

/// <summary>sst68's file names its own database, which `migrate` has not prepared yet (the platform database is migrated).</summary>
public sealed class UnmigratedTenantDatabaseFactory : OwnDatabaseFactory
{
    // Quartz's clustered store would refuse to start before `migrate`; the memory store shows readiness alone.
    protected override IEnumerable<(string Key, string Value)> Settings =>
        [.. base.Settings, ("Database:MigrateAtStartup", "false"), ("Jobs:Clustered", "false")];

    protected override async Task AfterStartAsync()
    {
        await using var scope = Services.CreateAsyncScope(); // no tenant: the platform database
        await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Database.MigrateAsync();
    }
}

public sealed class UnmigratedTenantDatabaseTests(UnmigratedTenantDatabaseFactory factory) : IClassFixture<UnmigratedTenantDatabaseFactory>
{
    [Fact]
    public async Task A_node_takes_no_traffic_until_migrate_has_prepared_every_tenant_database()
    {
        var client = factory.ClientFor("localhost");
        var notReady = await client.GetAsync("/health/ready");
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal(0, await OwnDatabaseFactory.CountAsync(factory.Database, "SELECT COUNT(*) FROM \"Companies\"")); // the platform database is migrated

        await DatabaseCommands.MigrateAsync(factory.Services);

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(0, await OwnDatabaseFactory.CountAsync(factory.Sst68Database, "SELECT COUNT(*) FROM \"Companies\"")); // its schema is there now
    }
}

/// <summary>sst68's file names its own database, whose server does not answer (the platform database is fine).</summary>
public sealed class UnreachableTenantDatabaseFactory : OwnDatabaseFactory
{
    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        .. base.Settings, ("Database:MigrateAtStartup", "false"), ("Jobs:Clustered", "false"),
        ("ConnectionStrings:Sst68Database", Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable) is { Length: > 0 }
            ? "Host=127.0.0.1;Port=1;Username=nobody;Database=nowhere;Timeout=2"
            : $"Data Source={Path.Combine(DataDirectory, "no-such-folder", "sst68.db")};Mode=ReadWrite"),
    ];

    protected override async Task AfterStartAsync()
    {
        await using var scope = Services.CreateAsyncScope(); // no tenant: the platform database
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Database;
        await db.MigrateAsync();
        // As `migrate` leaves it: without WAL a reader (the delivery loop) made a sign-in's counter write fail « database is locked ».
        if (db.IsSqlite()) await db.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await TokenServer.RegisterClientsAsync(Services); // as `migrate` does: the API's token endpoint needs the portal client
    }
}

public sealed class UnreachableTenantDatabaseTests(UnreachableTenantDatabaseFactory factory) : IClassFixture<UnreachableTenantDatabaseFactory>
{
    // Pentest M5: one tenant's database server down must not keep a (re)starting node out of the load balancer for every other tenant.
    [Fact]
    public async Task A_node_whose_tenant_database_does_not_answer_is_degraded_but_ready()
    {
        var ready = await factory.ClientFor("localhost").GetAsync("/health/ready");
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
    }

    /// <summary>A person administering one sstrn company (sst68's database is the one that does not answer).</summary>
    private async Task PersonWithACompanyAsync(string email, string memberNumber)
    {
        await using (var scope = factory.Services.CreatePlatformScope())
        {
            var identity = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            var user = new Platform.Features.Access.User
            {
                Email = email, NormalizedEmail = Platform.Features.Access.User.Normalize(email),
                FirstName = "Gérard", LastName = "Gérant", PasswordHash = Platform.Features.Access.Passwords.Hash("Gerant-2026!"),
            };
            identity.Users.Add(user);
            await identity.SaveChangesAsync();
            await using var tenant = factory.Services.CreateTenantScope("sstrn");
            var db = tenant.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var company = new Company { MemberNumber = memberNumber, Siret = "73282932000074", Name = "Nantes SAS " + memberNumber };
            db.Companies.Add(company);
            db.Memberships.Add(new Platform.Features.Access.Membership
            {
                UserId = user.Id, CompanyId = company.Id, Roles = [Platform.Features.Access.CompanyRoles.Administrator], CreatedAt = factory.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }
    }

    // /compte counts the person's companies on every tenant (whether to offer API access): sst68 down answered 500 on sstrn.
    [Fact]
    public async Task The_account_page_of_another_tenant_opens_while_a_tenant_database_does_not_answer()
    {
        await PersonWithACompanyAsync("gerant@example.fr", "101.9");
        var portal = factory.PortalFor("sstrn.localhost");
        var signedIn = await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "gerant@example.fr", ["Password"] = "Gerant-2026!" });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signedIn.StatusCode);

        var page = await portal.GetAsync("/compte");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        var html = await PortalClient.HtmlAsync(page);
        Assert.Contains("Gérard Gérant", html);
        Assert.DoesNotContain("Accès API", html); // one company counted: the page of an employer
    }

    // The accountant's list across services: sst68 down made it answer 500, on the portal and in the API.
    [Fact]
    public async Task The_clients_across_services_list_the_services_that_answer_and_name_the_one_that_does_not()
    {
        await PersonWithACompanyAsync("cabinet@example.fr", "101.8");
        var sst68 = factory.Services.GetRequiredService<TenantCatalog>().FindBySlug("sst68")!.FileRules.Name;
        var portal = factory.PortalFor("sstrn.localhost");
        await portal.SubmitAsync("/connexion", new Dictionary<string, string> { ["Identifier"] = "cabinet@example.fr", ["Password"] = "Gerant-2026!" });
        var page = await portal.GetAsync("/mes-clients");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        var html = await PortalClient.HtmlAsync(page);
        Assert.Contains("Nantes SAS 101.8", html);
        Assert.Contains($"Les entreprises suivies auprès de {sst68} ne peuvent pas être lues pour le moment", html);

        var token = await factory.TokenAsync("sstrn.localhost", "cabinet@example.fr", "Gerant-2026!");
        var answer = await factory.GraphQLAsync("sstrn.localhost", "{ clientsAcrossTenants { company { name } } }", token: token);
        Assert.Equal("Nantes SAS 101.8", answer.GetProperty("data").GetProperty("clientsAcrossTenants")[0].GetProperty("company").GetProperty("name").GetString());
        var error = answer.GetProperty("errors")[0];
        Assert.Equal("TENANT_UNAVAILABLE", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains(sst68, error.GetProperty("message").GetString());
    }
}
