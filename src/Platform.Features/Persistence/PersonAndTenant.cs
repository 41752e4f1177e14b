using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Platform.Features.Persistence;

/// <summary>
/// One change to a person (IdentityDb: users, API clients, OpenIddict rows) and to the tenant's rows
/// (PlatformDbContext) is two saves on two contexts. Where both contexts reach the same database (the
/// embedded default and most deployments), they share the tenant context's connection and one
/// transaction: a failure anywhere leaves nothing written. Where the tenant has a database of its own,
/// no transaction spans both; the caller then orders its saves so that a failure between them leaves
/// a harmless state the person can retry, and says why beside them.
/// </summary>
public static class PersonAndTenant
{
    /// <summary>Whether the person's rows and the tenant's rows live in the same database.</summary>
    public static bool ShareDatabase(PlatformDbContext db, IdentityDb identity) =>
        string.Equals(db.Database.GetConnectionString(), identity.Database.GetConnectionString(), StringComparison.Ordinal);

    /// <summary>
    /// Runs <paramref name="work"/> (reads, checks and both saves) in one transaction of both contexts
    /// when they share the database, and commits it; otherwise runs it as it is. On a provider that
    /// retries (SQL Server), a retry runs the whole work again with both change trackers cleared.
    /// </summary>
    public static async Task<T> RunAsync<T>(PlatformDbContext db, IdentityDb identity, Func<Task<T>> work, CancellationToken ct = default)
    {
        if (!ShareDatabase(db, identity)) return await work();
        // Already inside a transaction of the tenant's context: the person's rows join it, and its owner commits.
        if (db.Database.CurrentTransaction is { } outer)
        {
            Join(db, identity, outer);
            return await work();
        }
        var attempt = 0;
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            if (attempt++ > 0)
            {
                db.ChangeTracker.Clear();
                identity.ChangeTracker.Clear();
            }
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            Join(db, identity, transaction);
            try
            {
                var result = await work();
                await transaction.CommitAsync(ct);
                return result;
            }
            finally
            {
                // The person's context stays on the shared connection (owned and closed by the tenant's context).
                await identity.Database.UseTransactionAsync(null, ct);
            }
        });
    }

    /// <inheritdoc cref="RunAsync{T}(PlatformDbContext, IdentityDb, Func{Task{T}}, CancellationToken)"/>
    public static Task RunAsync(PlatformDbContext db, IdentityDb identity, Func<Task> work, CancellationToken ct = default) =>
        RunAsync(db, identity, async () => { await work(); return true; }, ct);

    private static void Join(PlatformDbContext db, IdentityDb identity, IDbContextTransaction transaction)
    {
        var connection = db.Database.GetDbConnection();
        if (!ReferenceEquals(identity.Database.GetDbConnection(), connection))
            identity.Database.SetDbConnection(connection, contextOwnsConnection: false);
        identity.Database.UseTransaction(transaction.GetDbTransaction());
    }
}
