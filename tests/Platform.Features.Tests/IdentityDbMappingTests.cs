using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Platform.Features.Persistence;
using Platform.Tenancy;

namespace Platform.Features.Tests;

/// <summary>
/// IdentityDb reads and writes tables that PlatformDbContext's migrations create: for each provider,
/// every table and column it maps must be the migrated one (name, store type, nullability), or the
/// platform rows would be read from a schema that is not there. No server is needed.
/// </summary>
public class IdentityDbMappingTests
{
    [Fact]
    public void Sqlite_identity_tables_are_the_migrated_ones() => AssertSameTables(
        new SqlitePlatformDbContext(new DbContextOptionsBuilder<SqlitePlatformDbContext>().UseSqlite("Data Source=:memory:").Options, new TenantContext()),
        new IdentityDb(new DbContextOptionsBuilder<IdentityDb>().UseSqlite("Data Source=:memory:").Options));

    [Fact]
    public void SqlServer_identity_tables_are_the_migrated_ones() => AssertSameTables(
        new SqlServerPlatformDbContext(new DbContextOptionsBuilder<SqlServerPlatformDbContext>().UseSqlServer("Server=none;Database=none").Options, new TenantContext()),
        new IdentityDb(new DbContextOptionsBuilder<IdentityDb>().UseSqlServer("Server=none;Database=none").Options));

    [Fact]
    public void Postgres_identity_tables_are_the_migrated_ones() => AssertSameTables(
        new PostgresPlatformDbContext(new DbContextOptionsBuilder<PostgresPlatformDbContext>().UseNpgsql("Host=none;Database=none").Options, new TenantContext()),
        new IdentityDb(new DbContextOptionsBuilder<IdentityDb>().UseNpgsql("Host=none;Database=none").Options));

    private static void AssertSameTables(PlatformDbContext platform, IdentityDb identity)
    {
        using var _ = platform;
        using var __ = identity;
        var migrated = Columns(platform.Model.GetRelationalModel());
        var mapped = Columns(identity.Model.GetRelationalModel());
        Assert.Contains(mapped.Keys, t => t == "Users");
        Assert.Contains(mapped.Keys, t => t == "OpenIddictTokens");
        foreach (var (table, columns) in mapped)
        {
            Assert.True(migrated.TryGetValue(table, out var expected), $"IdentityDb maps {table}, which no migration creates.");
            Assert.Equal(expected, columns);
        }
        // And every platform row type is one IdentityDb holds: none left for a tenant's context to write.
        Assert.All(identity.Model.GetEntityTypes(), e => Assert.True(IdentityDb.Holds(e.ClrType), e.ClrType.Name));
    }

    private static Dictionary<string, List<string>> Columns(IRelationalModel model) =>
        model.Tables.ToDictionary(t => t.Name, t => t.Columns.Select(c => $"{c.Name} {c.StoreType} {(c.IsNullable ? "null" : "not null")}").Order(StringComparer.Ordinal).ToList());
}
