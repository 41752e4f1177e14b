using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Platform.Tenancy;
using Platform.Tenancy.Isolation;

namespace Platform.Features.Persistence;

/// <summary>
/// Inserts many new rows of one entity with multi-row INSERT statements, for the nightly and billing jobs
/// whose batches add thousands of rows: there, EF Core's tracking and one statement per row cost more than
/// the database. Column names, quoting and value conversions come from the EF model and the provider's type
/// mappings, so the same code runs on SQLite, PostgreSQL and SQL Server. Runs in the context's current
/// transaction; the rows get the context's tenant, like <see cref="PlatformDbContext.SaveChangesAsync(bool, CancellationToken)"/>
/// (one of another tenant is refused). Only for plain rows: no generated values read back, nothing tracked.
/// </summary>
public static class BulkInsert
{
    // SQL Server takes at most 2,100 parameters per command; 1,000 rows per statement is plenty elsewhere.
    private const int MaxParameters = 2000;
    // SQLite (Microsoft.Data.Sqlite and EF's raw SQL) finds each parameter by name in a list: binding costs the
    // square of a statement's parameters. Small statements cost it nothing in round trips (in process):
    // 120 parameters took the 100,000-company billing run from 66 s to 25 s (bench/billing-run.sh).
    private const int MaxSqliteParameters = 120;
    private const int MaxRows = 1000;

    public static async Task<int> InsertAsync<T>(this PlatformDbContext db, IReadOnlyList<T> rows, CancellationToken ct = default) where T : class
    {
        if (rows.Count == 0) return 0;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} n'est pas une entité du modèle.");
        if (typeof(ITenantOwned).IsAssignableFrom(typeof(T)))
        {
            var tenant = db.TenantId ?? throw new TenantIsolationException("Enregistrement refusé : aucun tenant n'est lié à ce contexte de données.");
            foreach (ITenantOwned row in rows.Cast<ITenantOwned>())
            {
                if (string.IsNullOrEmpty(row.TenantId)) row.TenantId = tenant;
                else if (row.TenantId != tenant)
                    throw new TenantIsolationException($"Ajout refusé : {typeof(T).Name} appartient au tenant {row.TenantId}, le contexte au tenant {tenant}.");
            }
        }
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => p.PropertyInfo is not null && p.GetColumnName(table) is not null)
            .Select(p => (Property: p, Column: p.GetColumnName(table)!, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping()))
            .ToList();
        if (entity.GetProperties().Any(p => p.PropertyInfo is null))
            throw new InvalidOperationException($"{typeof(T).Name} a des propriétés fantômes : insertion groupée impossible.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column)))}) VALUES ";
        var perStatement = Math.Max(1, Math.Min(MaxRows, (db.Database.IsSqlite() ? MaxSqliteParameters : MaxParameters) / columns.Count));
        await using var factory = db.Database.GetDbConnection().CreateCommand();
        var inserted = 0;
        for (var start = 0; start < rows.Count; start += perStatement)
        {
            var count = Math.Min(perStatement, rows.Count - start);
            var text = new System.Text.StringBuilder(head, head.Length + count * columns.Count * 8);
            var parameters = new List<DbParameter>(count * columns.Count);
            for (var r = 0; r < count; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                var row = rows[start + r];
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = $"p{parameters.Count}";
                    if (c > 0) text.Append(", ");
                    text.Append(sql.GenerateParameterNamePlaceholder(name));
                    var (property, _, mapping) = columns[c];
                    // The mapping applies the property's converter (enums as text, dates, JSON lists) as EF would.
                    parameters.Add(mapping.CreateParameter(factory, sql.GenerateParameterName(name), property.GetGetter().GetClrValue(row), property.IsNullable));
                }
                text.Append(')');
            }
            inserted += await db.Database.ExecuteSqlRawAsync(text.ToString(), parameters, ct);
        }
        return inserted;
    }
}
