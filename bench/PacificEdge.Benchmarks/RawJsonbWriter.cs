using Npgsql;
using NpgsqlTypes;

namespace PacificEdge.Benchmarks;

/// <summary>
/// The same conditional JSONB update the grain storage issues, straight from Npgsql with no
/// runtime in between: separates driver/JSONB cost from runtime overhead in the results.
/// </summary>
public sealed class RawJsonbWriter(NpgsqlDataSource dataSource)
{
    private readonly long[] _versions = new long[1024];

    public async Task SetUpAsync(int rows)
    {
        await using var create = dataSource.CreateCommand(
            "CREATE TABLE IF NOT EXISTS raw_state (k integer PRIMARY KEY, payload jsonb NOT NULL, version bigint NOT NULL);" +
            "TRUNCATE raw_state;");
        await create.ExecuteNonQueryAsync();
        for (var i = 0; i < rows; i++)
        {
            await using var insert = dataSource.CreateCommand("INSERT INTO raw_state VALUES ($1, '{}', 0)");
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = i });
            await insert.ExecuteNonQueryAsync();
        }
    }

    public async Task WriteAsync(int row)
    {
        await using var update = dataSource.CreateCommand(
            "UPDATE raw_state SET payload = $2, version = version + 1 WHERE k = $1 AND version = $3 RETURNING version");
        update.Parameters.Add(new NpgsqlParameter<int> { TypedValue = row });
        update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = $"{{\"counter\":{_versions[row]},\"total\":1.25}}" });
        update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _versions[row] });
        _versions[row] = (long)(await update.ExecuteScalarAsync())!;
    }
}
