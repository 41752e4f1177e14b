using Microsoft.EntityFrameworkCore;
using Platform.Features.Demo;
using Platform.Features.Persistence;
using Platform.Tenancy;

namespace Platform.Host.Infrastructure;

/// <summary>The host's command line: migrations and demo data.</summary>
public static class DatabaseCommands
{
    /// <summary>
    /// Migrates the shared database and every tenant database with its own connection string, then
    /// creates Quartz's tables in the platform database and imports key files of an older installation.
    /// Under a lock of the platform database: two runs at once (two nodes, two deployments) take turns.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILogger<Program>>();
        var settings = services.GetRequiredService<DatabaseSettings>();
        await using var migrationLock = await MigrationLock.AcquireAsync(settings, logger);
        var migrated = new HashSet<string>();
        await using (var scope = services.CreateAsyncScope())
        {
            var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            await MigrateOneAsync(platform, "shared database");
            if (await Jobs.QuartzTables.EnsureAsync(platform) is > 0 and var statements)
                logger.LogInformation("Job scheduler tables (Quartz) in place: {Count} statement(s), each creating only what was missing", statements);
        }
        var keys = await DataProtectionKeys.ImportKeyFilesAsync(services, services.GetRequiredService<PlatformPaths>().DataDirectory);
        if (keys > 0) logger.LogInformation("Imported {Count} data-protection key file(s) into the database", keys);
        migrated.Add(settings.DefaultConnectionString);
        foreach (var tenant in services.GetRequiredService<TenantCatalog>().All)
        {
            if (!migrated.Add(settings.ConnectionStringFor(tenant))) continue;
            await using var scope = services.CreateTenantScope(tenant);
            await MigrateOneAsync(scope.ServiceProvider.GetRequiredService<PlatformDbContext>(), $"database of tenant {tenant.Slug}");
        }

        await TokenServer.RegisterClientsAsync(services);

        async Task MigrateOneAsync(PlatformDbContext db, string what)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            await db.Database.MigrateAsync();
            if (db.Database.IsSqlite())
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            logger.LogInformation("Migrated {What}: {Count} migration(s) applied", what, pending.Count);
        }
    }

    public static Task MigrateIfConfiguredAsync(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue("Database:MigrateAtStartup", environment.IsDevelopment()) ? MigrateAsync(services) : Task.CompletedTask;

    public const string NoMigrationAtStartupInProduction =
        "Database:MigrateAtStartup n'est pas permis en production : la commande migrate s'exécute une fois avant le déploiement, pas à chaque démarrage de nœud.";

    public const string NoDemoDataInProduction =
        "Les données de démonstration (seed-demo, DemoData:SeedAtStartup) ne sont jamais créées en production : leurs mots de passe et leur secret d'authentificateur sont publics.";

    public static async Task SeedDemoAsync(IServiceProvider services)
    {
        if (services.GetRequiredService<IHostEnvironment>().IsProduction()) throw new InvalidOperationException(NoDemoDataInProduction);
        await DemoData.SeedAsync(services);
        services.GetRequiredService<ILogger<Program>>().LogInformation("Demo data ready: see the README for the demo accounts");
    }

    public static Task SeedDemoIfConfiguredAsync(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue("DemoData:SeedAtStartup", environment.IsDevelopment()) ? SeedDemoAsync(services) : Task.CompletedTask;
}
