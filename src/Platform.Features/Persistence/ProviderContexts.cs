using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Platform.Tenancy;

namespace Platform.Features.Persistence;

// One context type per provider, so that each provider keeps its own migrations folder
// (Persistence/Migrations/{Sqlite,SqlServer,Postgres}) in this one assembly.

public sealed class SqlitePlatformDbContext(DbContextOptions<SqlitePlatformDbContext> options, ITenantContext tenant)
    : PlatformDbContext(options, tenant);

public sealed class SqlServerPlatformDbContext(DbContextOptions<SqlServerPlatformDbContext> options, ITenantContext tenant)
    : PlatformDbContext(options, tenant);

public sealed class PostgresPlatformDbContext(DbContextOptions<PostgresPlatformDbContext> options, ITenantContext tenant)
    : PlatformDbContext(options, tenant);

// Design-time factories for `dotnet ef migrations add` (scripts/add-migration.sh); no tenant is bound.
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqlitePlatformDbContext>
{
    public SqlitePlatformDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePlatformDbContext>().UseSqlite("Data Source=design.db").Options, new TenantContext());
}

internal sealed class SqlServerDesignFactory : IDesignTimeDbContextFactory<SqlServerPlatformDbContext>
{
    public SqlServerPlatformDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerPlatformDbContext>().UseSqlServer("Server=design;Database=design").Options, new TenantContext());
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresPlatformDbContext>
{
    public PostgresPlatformDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPlatformDbContext>().UseNpgsql("Host=design;Database=design").Options, new TenantContext());
}
