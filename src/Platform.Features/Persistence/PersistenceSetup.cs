using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Tenancy;

namespace Platform.Features.Persistence;

public enum DatabaseProvider { Sqlite, SqlServer, Postgres }

/// <summary>Which database the platform uses, from configuration: Database:Provider and ConnectionStrings:Platform.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string DefaultConnectionString, IConfiguration Configuration)
{
    public static DatabaseSettings From(IConfiguration configuration, string dataDirectory)
    {
        var providerName = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerName, ignoreCase: true, out var provider))
            throw new InvalidOperationException($"Database:Provider « {providerName} » inconnu : Sqlite, SqlServer ou Postgres.");
        var connectionString = configuration.GetConnectionString("Platform");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider != DatabaseProvider.Sqlite)
                throw new InvalidOperationException($"ConnectionStrings:Platform est obligatoire avec le fournisseur {provider}.");
            connectionString = $"Data Source={Path.Combine(dataDirectory, "platform.db")};Default Timeout=30";
        }
        return new DatabaseSettings(provider, connectionString, configuration);
    }

    /// <summary>A tenant with its own database server names its connection string (DESIGN.md 3.8).</summary>
    public string ConnectionStringFor(Tenant? tenant)
    {
        var name = tenant?.FileRules.ConnectionStringName;
        if (name is null) return DefaultConnectionString;
        return Configuration.GetConnectionString(name)
               ?? throw new InvalidOperationException($"Le tenant {tenant!.Slug} demande la chaîne de connexion {name}, absente de la configuration.");
    }

    public void Configure(DbContextOptionsBuilder options, string connectionString)
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite: options.UseSqlite(connectionString); break;
            case DatabaseProvider.SqlServer: options.UseSqlServer(connectionString, o => o.EnableRetryOnFailure()); break;
            case DatabaseProvider.Postgres: options.UseNpgsql(connectionString); break;
        }
    }
}

public static class PersistenceSetup
{
    public static IServiceCollection AddPlatformPersistence(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        switch (settings.Provider)
        {
            case DatabaseProvider.Sqlite: Register<SqlitePlatformDbContext>(services, settings); break;
            case DatabaseProvider.SqlServer: Register<SqlServerPlatformDbContext>(services, settings); break;
            case DatabaseProvider.Postgres: Register<PostgresPlatformDbContext>(services, settings); break;
        }
        return services;
    }

    // No pooling of tenant contexts: a pooled context would outlive the tenant it was created for (DESIGN.md 3.2). Each
    // scope gets a new context, bound to its tenant in the constructor; only the options (provider and
    // connection string) are shared.
    private static void Register<TContext>(IServiceCollection services, DatabaseSettings settings) where TContext : PlatformDbContext
    {
        services.AddSingleton<ContextOptions<TContext>>();
        services.AddScoped(sp => ActivatorUtilities.CreateInstance<TContext>(sp,
            sp.GetRequiredService<ContextOptions<TContext>>().For(sp.GetRequiredService<ITenantContext>().Current)));
        services.AddScoped<PlatformDbContext>(sp => sp.GetRequiredService<TContext>());
        // Platform rows always on the platform database, whatever the scope's tenant (DESIGN.md 4). Not
        // pooled: PersonAndTenant lends it the tenant context's connection for one transaction, and a
        // pooled instance would go back to the pool holding that connection once disposed (EF does not
        // reset a connection it does not own): every later lease failed on PostgreSQL and SQL Server.
        // Its options built once (singleton), as ContextOptions does for the tenant's: built per scope, each
        // new context compared them with the cached ones to find EF Core's internal services.
        services.AddDbContext<IdentityDb>((sp, options) =>
        {
            settings.Configure(options, settings.DefaultConnectionString);
            if (sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>().ToList() is { Count: > 0 } interceptors)
                options.AddInterceptors(interceptors);
        }, optionsLifetime: ServiceLifetime.Singleton);
        // Pooled instances for reads of a person alone (MeService: the most frequent signed-in query, whose own
        // cost was mostly setting up a new context's internal services). Never hand one to PersonAndTenant: it lends
        // the scoped IdentityDb above a connection, which a pooled instance would keep. IdentityDb has no tenant to
        // outlive (DESIGN.md 3.2 is about tenant contexts, which stay unpooled).
        services.AddSingleton<IDbContextFactory<IdentityDb>>(sp => new PooledDbContextFactory<IdentityDb>(sp.GetRequiredService<DbContextOptions<IdentityDb>>()));
    }
}

/// <summary>
/// The context options of each connection string, built once. Built per scope (AddDbContext's way),
/// each new context compared its options with the cached ones to find EF Core's internal services:
/// a third of the cost of a small signed-in request.
/// </summary>
internal sealed class ContextOptions<TContext>(DatabaseSettings settings, IServiceProvider services) where TContext : DbContext
{
    private readonly ConcurrentDictionary<string, DbContextOptions<TContext>> byConnectionString = new();

    public DbContextOptions<TContext> For(Tenant? tenant) => byConnectionString.GetOrAdd(settings.ConnectionStringFor(tenant), Build);

    private DbContextOptions<TContext> Build(string connectionString)
    {
        var options = new DbContextOptionsBuilder<TContext>();
        // The host's logging and services, as AddDbContext would give them.
        options.UseApplicationServiceProvider(services);
        settings.Configure(options, connectionString);
        options.AddInterceptors(WriteInterceptor.Instance);
        // Interceptors the host registers (none by default; the benchmarks count commands with one).
        if (services.GetServices<IInterceptor>().ToList() is { Count: > 0 } interceptors)
            options.AddInterceptors(interceptors);
        return options.Options;
    }
}
