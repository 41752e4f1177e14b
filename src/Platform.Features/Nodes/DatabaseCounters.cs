using System.Data.Common;
using System.Text;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using Platform.Features.Persistence;

namespace Platform.Features.Nodes;

/// <summary>
/// Shared counters in the platform database's SharedCounters table (created by the migrations).
/// Each addition is one atomic upsert that returns the new value (ON CONFLICT … RETURNING on SQLite
/// and PostgreSQL, MERGE … OUTPUT under HOLDLOCK on SQL Server), so that two nodes adding at once
/// both count; several additions go in one command, one round-trip. Plain ADO.NET on pooled
/// connections: no DbContext per call.
/// </summary>
public sealed class DatabaseCounters(DatabaseSettings settings) : ISharedCounters
{
    // Three parameters each: well under SQL Server's 2,100 per command.
    private const int PerCommand = 500;

    public async Task<long[]> AddAsync(IReadOnlyList<CounterAddition> additions, CancellationToken ct = default)
    {
        if (additions.Count <= PerCommand) return await AddBatchAsync(additions, ct);
        var values = new List<long>(additions.Count);
        foreach (var chunk in additions.Chunk(PerCommand)) values.AddRange(await AddBatchAsync(chunk, ct));
        return values.ToArray();
    }

    private async Task<long[]> AddBatchAsync(IReadOnlyList<CounterAddition> additions, CancellationToken ct)
    {
        if (additions.Count == 0) return [];
        await using var connection = Open();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder();
        for (var i = 0; i < additions.Count; i++)
        {
            sql.Append(settings.Provider == DatabaseProvider.SqlServer
                ? $"""
                   MERGE "SharedCounters" WITH (HOLDLOCK) AS t USING (SELECT @n{i} AS "Name") AS s ON t."Name" = s."Name"
                   WHEN MATCHED THEN UPDATE SET "Value" = t."Value" + @v{i}, "ExpiresAt" = CASE WHEN t."ExpiresAt" > @e{i} THEN t."ExpiresAt" ELSE @e{i} END
                   WHEN NOT MATCHED THEN INSERT ("Name", "Value", "ExpiresAt") VALUES (@n{i}, @v{i}, @e{i})
                   OUTPUT inserted."Value";

                   """
                : $"""
                   INSERT INTO "SharedCounters" ("Name", "Value", "ExpiresAt") VALUES (@n{i}, @v{i}, @e{i})
                   ON CONFLICT ("Name") DO UPDATE SET "Value" = "SharedCounters"."Value" + excluded."Value",
                     "ExpiresAt" = CASE WHEN "SharedCounters"."ExpiresAt" > excluded."ExpiresAt" THEN "SharedCounters"."ExpiresAt" ELSE excluded."ExpiresAt" END
                   RETURNING "Value";

                   """);
            Add(command, $"@n{i}", additions[i].Name);
            Add(command, $"@v{i}", additions[i].By);
            Add(command, $"@e{i}", additions[i].ExpiresAt.ToUnixTimeSeconds());
        }
        command.CommandText = sql.ToString();
        var values = new long[additions.Count];
        await using var reader = await command.ExecuteReaderAsync(ct);
        for (var i = 0; i < additions.Count; i++)
        {
            if (!await reader.ReadAsync(ct)) throw new InvalidOperationException("Compteur partagé sans valeur.");
            values[i] = Convert.ToInt64(reader.GetValue(0));
            await reader.NextResultAsync(ct);
        }
        return values;
    }

    public async Task<Dictionary<string, long>> ReadAsync(string prefix, CancellationToken ct = default)
    {
        await using var connection = Open();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        // LIKE rather than a range: the engines' collations need not order punctuation by code point.
        // The prefixes are constants without wildcards (« rules| »).
        command.CommandText = """SELECT "Name", "Value" FROM "SharedCounters" WHERE "Name" LIKE @prefix""";
        Add(command, "@prefix", prefix + "%");
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) values[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1));
        return values;
    }

    public async Task DeleteExpiredAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = Open();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """DELETE FROM "SharedCounters" WHERE "ExpiresAt" < @now""";
        Add(command, "@now", now.ToUnixTimeSeconds());
        await command.ExecuteNonQueryAsync(ct);
    }

    private DbConnection Open() => settings.Provider switch
    {
        DatabaseProvider.SqlServer => new SqlConnection(settings.DefaultConnectionString),
        DatabaseProvider.Postgres => new NpgsqlConnection(settings.DefaultConnectionString),
        _ => new SqliteConnection(settings.DefaultConnectionString),
    };

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
