using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Features.Persistence;

namespace Platform.Features.Employees;

/// <summary>
/// Companies.WorkforceVersion, the version of what a company's employee list shows. The database changes it
/// (triggers of the WorkforceVersion migration, one set per provider) on every insert, update and delete of the
/// company's employees, workstations and career entries, in the writing transaction: whatever wrote them (EF Core,
/// bulk SQL, a job, another node), the next read of the version sees the change. It is a new random 64-bit value,
/// compared for equality only: a count would give a number again after a rolled-back write or a restored backup,
/// naming another state. <see cref="EmployeeListCache"/> serves a page only at the version it was read at.
/// </summary>
public static class WorkforceVersion
{
    /// <summary>
    /// Tells EF Core that the table has triggers: SQL Server then saves without OUTPUT and SQLite without RETURNING,
    /// which neither database allows on a table with AFTER triggers. The name is the SQL Server trigger's.
    /// </summary>
    internal static void DeclareTriggers<T>(EntityTypeBuilder<T> e, string table) where T : class =>
        e.ToTable(t =>
        {
            t.HasTrigger($"{table}_WorkforceVersion");
            t.UseSqlReturningClause(false);
        });

    /// <summary>The company's version (the tenant's filter on it), null when it is not one of the tenant's companies.</summary>
    public static Task<long?> ReadAsync(PlatformDbContext db, Guid companyId, CancellationToken ct) => Query(db, companyId, ct);

    private static readonly Func<PlatformDbContext, Guid, CancellationToken, Task<long?>> Query = EF.CompileAsyncQuery(
        (PlatformDbContext db, Guid companyId, CancellationToken ct) =>
            db.Companies.Where(c => c.Id == companyId).Select(c => (long?)c.WorkforceVersion).SingleOrDefault());
}
