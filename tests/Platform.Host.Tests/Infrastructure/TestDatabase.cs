using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Respawn;
using Respawn.Graph;

namespace Platform.Host.Tests.Infrastructure;

/// <summary>
/// A database of its own for one test class: a SQLite file, or — when PLATFORM_TEST_POSTGRES holds a
/// server connection string (CI) — a new PostgreSQL database on that real server.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "PLATFORM_TEST_POSTGRES";

    private Respawner? respawner;

    private TestDatabase(string provider, string connectionString, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        PostgresName = postgresName;
    }

    public string Provider { get; }
    public string ConnectionString { get; }
    private string? PostgresName { get; }

    public static bool UsesPostgres => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 };

    public static async Task<TestDatabase> CreateAsync(string dataDirectory)
    {
        if (Environment.GetEnvironmentVariable(PostgresVariable) is not { Length: > 0 } server)
            return new TestDatabase("Sqlite", $"Data Source={Path.Combine(dataDirectory, "platform.db")};Default Timeout=30", null);

        var name = "platform_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase("Postgres", builder.ConnectionString, name);
    }

    public DbConnection OpenConnection()
    {
        DbConnection connection = Provider == "Postgres" ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Empties every table but the migrations history and the API clients (Respawn).</summary>
    public async Task ResetAsync()
    {
        await using var connection = OpenConnection();
        respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = Provider == "Postgres" ? DbAdapter.Postgres : DbAdapter.Sqlite,
            // The API client catalogue is reference data registered at start-up, like the schema; the
            // job scheduler's tables (Quartz's clustered store, PostgreSQL lane) and the key ring belong to the running host.
            TablesToIgnore = [new Table("__EFMigrationsHistory"), new Table("OpenIddictApplications"), new Table("DataProtectionKeys"),
                .. QuartzTables(connection).Select(n => new Table(n))],
            SchemasToInclude = Provider == "Postgres" ? ["public"] : [],
        });
        if (Provider != "Postgres")
        {
            // A credit note references the invoice it corrects (same table, ON DELETE RESTRICT): SQLite checks that row
            // by row during Respawn's DELETE, in no particular order. Off for this connection only, the reset empties everything anyway.
            await using var off = connection.CreateCommand();
            off.CommandText = "PRAGMA foreign_keys = OFF;";
            await off.ExecuteNonQueryAsync();
        }
        await respawner.ResetAsync(connection);
    }

    private static List<string> QuartzTables(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = connection is NpgsqlConnection
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'qrtz\\_%'"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'qrtz\\_%' ESCAPE '\\'";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (PostgresName is null) return;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{PostgresName}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
