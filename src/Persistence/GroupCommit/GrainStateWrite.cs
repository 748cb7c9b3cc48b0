using Npgsql;
using NpgsqlTypes;

namespace PacificEdge.Persistence.GroupCommit;

/// <summary>
/// One conditional grain state write, as a <see cref="GroupCommitQuery{TResult}"/>: an insert when the expected version is
/// null, else an update of the row that still has that version. Its result is the new version, or null when the row had
/// another version (a conflict, reported by the caller).
/// </summary>
internal static class GrainStateWrite
{
    private const string InsertSql =
        "INSERT INTO grain_storage (service_id, grain_type, grain_key, state_name, payload, wake_up_at, version) " +
        "VALUES ($1, $2, $3, $4, $5, $6, 1) ON CONFLICT DO NOTHING RETURNING version";

    private const string UpdateSql =
        "UPDATE grain_storage SET payload = $5, wake_up_at = $6, version = version + 1, updated_at = now() WHERE " + GrainStateKey.WhereClause +
        " AND version = $7 RETURNING version";

    public static GroupCommitQuery<long?> Of(GrainStateKey row, string? json, DateTimeOffset? wakeUpAt, long? expectedVersion) => new(
        row.LockOrder,
        () =>
        {
            var command = new NpgsqlBatchCommand(expectedVersion is null ? InsertSql : UpdateSql);
            row.AddTo(command.Parameters);
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = (object?)json ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)wakeUpAt?.ToUniversalTime() ?? DBNull.Value });
            if (expectedVersion is { } expected)
            {
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected });
            }

            return command;
        },
        static async reader => await reader.ReadAsync().ConfigureAwait(false) ? reader.GetInt64(0) : null);
}
