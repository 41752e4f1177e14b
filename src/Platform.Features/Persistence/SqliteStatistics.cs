using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Platform.Features.Persistence;

/// <summary>
/// SQLite plans from statistics it only has after ANALYZE; without them it takes an equality on an index's first
/// column for about ten rows. Every index here starts with TenantId, so after a night that added hundreds of thousands
/// of rows it walked a whole tenant's rows for each lookup by a list of ids. The jobs that rewrite a table refresh its
/// statistics (sampled: a few hundred rows per index, a fraction of a second). PostgreSQL and SQL Server keep theirs.
/// </summary>
public static class SqliteStatistics
{
    public static async Task RefreshAsync(PlatformDbContext db, IReadOnlyList<Type> entities, CancellationToken ct = default)
    {
        if (!db.Database.IsSqlite()) return;
        var sql = db.GetService<ISqlGenerationHelper>();
        await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit = 400;", ct);
        foreach (var entity in entities)
        {
            var table = db.Model.FindEntityType(entity)?.GetTableName() ?? throw new ArgumentException($"{entity.Name} n'est pas une entité du modèle.", nameof(entities));
            // A table name cannot be a parameter: it comes from the model, quoted by the provider (EF1002 is about user input).
#pragma warning disable EF1002
            await db.Database.ExecuteSqlRawAsync($"ANALYZE {sql.DelimitIdentifier(table)};", ct);
#pragma warning restore EF1002
        }
    }
}
