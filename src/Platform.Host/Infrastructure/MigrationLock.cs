using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using Platform.Features.Persistence;

namespace Platform.Host.Infrastructure;

/// <summary>
/// One `migrate` at a time on the platform database: a second run (another node, a second deployment
/// step) waits for the first, then finds nothing left to do. A lock of the database itself — PostgreSQL
/// advisory lock, SQL Server application lock — held by a connection of its own and released when that
/// connection closes, so a migrator that dies frees it; for SQLite (one machine) an exclusive lock file
/// next to the database.
/// </summary>
public sealed class MigrationLock : IAsyncDisposable
{
    // Connections without pooling: closing one ends its session, and with it the lock.

    /// <summary>Any fixed number: the platform's migrations in pg_advisory_lock's one namespace.</summary>
    private const long PostgresKey = 0x706C6174666F726D; // "platform"
    private const string SqlServerResource = "platform-migrate";

    private readonly DbConnection? connection;
    private readonly FileStream? file;

    private MigrationLock(DbConnection? connection, FileStream? file)
    {
        this.connection = connection;
        this.file = file;
    }

    public static async Task<MigrationLock> AcquireAsync(DatabaseSettings settings, ILogger logger, CancellationToken ct = default)
    {
        // Said only when the lock is still not ours after 2 seconds (the timer stops once it is taken).
        using var taken = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _ = Task.Delay(TimeSpan.FromSeconds(2), taken.Token)
            .ContinueWith(t => { if (!t.IsCanceled) logger.LogInformation("Waiting for another migration of the database to end"); }, TaskScheduler.Default);
        try { return await AcquireAsync(settings, ct); }
        finally { await taken.CancelAsync(); }
    }

    private static async Task<MigrationLock> AcquireAsync(DatabaseSettings settings, CancellationToken ct)
    {
        switch (settings.Provider)
        {
            case DatabaseProvider.Postgres:
            {
                var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(settings.DefaultConnectionString) { Pooling = false }.ConnectionString);
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
                command.Parameters.AddWithValue("key", PostgresKey);
                command.CommandTimeout = 0; // as long as the other migration takes
                await command.ExecuteNonQueryAsync(ct);
                return new MigrationLock(connection, null);
            }
            case DatabaseProvider.SqlServer:
            {
                var connection = new SqlConnection(new SqlConnectionStringBuilder(settings.DefaultConnectionString) { Pooling = false }.ConnectionString);
                await connection.OpenAsync(ct);
                await using var command = new SqlCommand("sp_getapplock", connection) { CommandType = System.Data.CommandType.StoredProcedure, CommandTimeout = 0 };
                command.Parameters.AddWithValue("@Resource", SqlServerResource);
                command.Parameters.AddWithValue("@LockMode", "Exclusive");
                command.Parameters.AddWithValue("@LockOwner", "Session");
                command.Parameters.AddWithValue("@LockTimeout", -1);
                var result = command.Parameters.Add("@Result", System.Data.SqlDbType.Int);
                result.Direction = System.Data.ParameterDirection.ReturnValue;
                await command.ExecuteNonQueryAsync(ct);
                if ((int)result.Value < 0)
                {
                    await connection.DisposeAsync();
                    throw new InvalidOperationException($"Verrou de migration refusé par SQL Server (sp_getapplock : {result.Value}).");
                }
                return new MigrationLock(connection, null);
            }
            default:
                return new MigrationLock(null, await LockFileAsync(settings.DefaultConnectionString, ct));
        }
    }

    private static async Task<FileStream?> LockFileAsync(string connectionString, CancellationToken ct)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return null;
        var path = Path.GetFullPath(source) + ".migrate.lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        while (true)
        {
            try
            {
                // FileShare.None: the operating system refuses a second opener until the first closes (or dies).
                // The file stays: deleting it on close would let a third migrator lock a new file while a second holds the old one.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(200, ct);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null) await connection.DisposeAsync(); // closing the session releases the lock
        if (file is not null) await file.DisposeAsync();
    }
}
