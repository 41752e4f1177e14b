using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;
using Platform.Tenancy;

namespace Platform.Features.Tests;

/// <summary>
/// Each provider's migrations must describe the model exactly: a model change without its migration
/// (scripts/add-migration.sh) would ship a database that the code does not match.
/// The comparison is with each provider's snapshot; no server is needed, so SQL Server is checked too.
/// </summary>
public class MigrationsTests
{
    [Fact]
    public void Sqlite_migrations_match_the_model()
    {
        using var db = new SqlitePlatformDbContext(
            new DbContextOptionsBuilder<SqlitePlatformDbContext>().UseSqlite("Data Source=:memory:").Options, new TenantContext());
        AssertNoPendingChanges(db);
    }

    [Fact]
    public void SqlServer_migrations_match_the_model()
    {
        using var db = new SqlServerPlatformDbContext(
            new DbContextOptionsBuilder<SqlServerPlatformDbContext>().UseSqlServer("Server=none;Database=none").Options, new TenantContext());
        AssertNoPendingChanges(db);
    }

    [Fact]
    public void Postgres_migrations_match_the_model()
    {
        using var db = new PostgresPlatformDbContext(
            new DbContextOptionsBuilder<PostgresPlatformDbContext>().UseNpgsql("Host=none;Database=none").Options, new TenantContext());
        AssertNoPendingChanges(db);
    }

    private static void AssertNoPendingChanges(PlatformDbContext db)
    {
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model of {db.GetType().Name} has changes without a migration: run scripts/add-migration.sh <Name>.");
    }
}
