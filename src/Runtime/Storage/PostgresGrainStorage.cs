using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace PacificEdge.Runtime.Storage;

/// <summary>
/// Grain state in PostgreSQL: one row per (grain type, key, state name), JSONB payload, integer
/// version. Writes are single conditional statements, so a stale activation can never overwrite
/// newer state and a returned write is committed.
/// </summary>
public sealed class PostgresGrainStorage(NpgsqlDataSource dataSource) : IGrainStorage
{
    private const string ReadSql =
        "SELECT payload::text, version FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3";

    private const string InsertSql =
        "INSERT INTO grain_state (grain_type, grain_key, state_name, payload, version) VALUES ($1, $2, $3, $4, 1) ON CONFLICT DO NOTHING";

    private const string UpdateSql =
        "UPDATE grain_state SET payload = $4, version = version + 1, updated_at = now() " +
        "WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = $5 RETURNING version";

    /// <inheritdoc />
    public async Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ReadSql);
        AddKey(command, grainId, stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var payload = reader.IsDBNull(0) ? null : Encoding.UTF8.GetBytes(reader.GetString(0));
        return new GrainStateRecord(payload, Format(reader.GetInt64(1)));
    }

    /// <inheritdoc />
    public Task<string> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> payload, string? etag, CancellationToken cancellationToken)
        => PutAsync(grainId, stateName, Encoding.UTF8.GetString(payload.Span), etag, cancellationToken);

    /// <inheritdoc />
    public Task<string> ClearAsync(GrainId grainId, string stateName, string? etag, CancellationToken cancellationToken)
        => PutAsync(grainId, stateName, null, etag, cancellationToken);

    private async Task<string> PutAsync(GrainId grainId, string stateName, string? json, string? etag, CancellationToken cancellationToken)
    {
        if (etag is null)
        {
            await using var insert = dataSource.CreateCommand(InsertSql);
            AddKey(insert, grainId, stateName);
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = (object?)json ?? DBNull.Value });
            return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1
                ? Format(1)
                : throw new InconsistentStateException($"Version conflict writing {stateName} of {grainId}: a record already exists", etag, null);
        }

        if (!long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InconsistentStateException($"Malformed ETag writing {stateName} of {grainId}", etag, null);
        }

        await using var update = dataSource.CreateCommand(UpdateSql);
        AddKey(update, grainId, stateName);
        update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = (object?)json ?? DBNull.Value });
        update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        var result = await update.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return result is long newVersion
            ? Format(newVersion)
            : throw new InconsistentStateException($"Version conflict writing {stateName} of {grainId}", etag, null);
    }

    private static void AddKey(NpgsqlCommand command, GrainId grainId, string stateName)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
    }

    private static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);
}
