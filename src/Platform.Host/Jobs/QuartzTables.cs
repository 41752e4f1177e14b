using Microsoft.EntityFrameworkCore;
using Platform.Features.Persistence;

namespace Platform.Host.Jobs;

/// <summary>
/// The tables of Quartz's clustered job store (ADO.NET) in the platform database, created by `migrate`
/// after EF Core's migrations (EF Core's model does not know them; the running nodes only validate them).
/// The statements are Quartz's own schema script for the provider, shipped inside the Quartz assembly
/// we run (the one its SchemaProvisioning.CreateIfMissing would use, Apache-2.0), so the tables always
/// match the Quartz version in Directory.Packages.props. Each statement creates only what is missing:
/// running it again changes nothing. It never adds a column to an existing table: upgrading Quartz to a
/// release that changes its schema means applying that release's upgrade script (quartznet's
/// database/migrations) before `migrate`. SQLite keeps Quartz's in-memory store (one node) and gets none.
/// </summary>
public static class QuartzTables
{
    /// <summary>Quartz's default table prefix, which the job store is configured with.</summary>
    public const string TablePrefix = "QRTZ_";

    /// <summary>Creates whatever of Quartz's schema is missing; the number of statements run (0 on SQLite).</summary>
    public static async Task<int> EnsureAsync(PlatformDbContext db, CancellationToken ct = default)
    {
        var dialect = db.Database.IsNpgsql() ? "postgres" : db.Database.IsSqlServer() ? "sqlServer" : null;
        if (dialect is null) return 0;
        var statements = Statements(dialect);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            // Both engines roll DDL back: a failure half-way leaves nothing, and the next `migrate` starts again.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var statement in statements) await db.Database.ExecuteSqlRawAsync(statement, ct);
            await transaction.CommitAsync(ct);
        });
        return statements.Count;
    }

    /// <summary>The provider's script from the Quartz assembly, prefix filled in, split where Quartz splits it.</summary>
    public static IReadOnlyList<string> Statements(string dialect)
    {
        var assembly = typeof(Quartz.IScheduler).Assembly;
        var names = assembly.GetManifestResourceNames();
        // Quartz.Impl.AdoJobStore.Schema.create_{dialect}.sql in Quartz 4.7.
        var name = names.SingleOrDefault(n => n.EndsWith($".create_{dialect}.sql", StringComparison.Ordinal))
                   ?? throw new InvalidOperationException($"Quartz {assembly.GetName().Version} ne contient pas de script de schéma pour {dialect} (ressources : {string.Join(", ", names)}).");
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        var script = reader.ReadToEnd().Replace("\r\n", "\n").Replace("{0}", TablePrefix).Replace("{1}", TablePrefix);
        return script.Split("\n--;;\n")
            .Where(piece => piece.Split('\n').Any(line => line.Trim() is { Length: > 0 } text && !text.StartsWith("--")))
            .ToList();
    }
}
