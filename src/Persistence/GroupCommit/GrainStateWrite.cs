using Npgsql;
using NpgsqlTypes;

namespace PacificEdge.Persistence.GroupCommit;

/// <summary>
/// One conditional grain state write waiting for its commit: an insert when <see cref="ExpectedVersion"/> is null, else an
/// update of the row that still has that version. <see cref="GroupCommitUnit{TResult}.Completion"/> gives the new version, or null when the row had
/// another version (a conflict, reported by the caller).
/// </summary>
internal sealed class GrainStateWrite(GrainStateKey key, string? json, DateTimeOffset? wakeUpAt, long? expectedVersion) : GroupCommitUnit<long?>
{
    private const string InsertSql =
        "INSERT INTO grain_storage (service_id, grain_type, grain_key, state_name, payload, wake_up_at, version) " +
        "VALUES ($1, $2, $3, $4, $5, $6, 1) ON CONFLICT DO NOTHING RETURNING version";

    private const string UpdateSql =
        "UPDATE grain_storage SET payload = $5, wake_up_at = $6, version = version + 1, updated_at = now() WHERE " + GrainStateKey.WhereClause +
        " AND version = $7 RETURNING version";

    public GrainStateKey Row { get; } = key;

    public long? ExpectedVersion { get; } = expectedVersion;

    /// <inheritdoc />
    public override string LockOrder => field ??= Row.LockOrder;

    /// <inheritdoc />
    protected internal override IEnumerable<NpgsqlBatchCommand> CreateStatements()
    {
        var command = new NpgsqlBatchCommand(ExpectedVersion is null ? InsertSql : UpdateSql);
        AddParameters(command.Parameters);
        yield return command;
    }

    /// <inheritdoc />
    protected override async Task<long?> ReadAsync(NpgsqlDataReader reader)
    {
        var version = await reader.ReadAsync().ConfigureAwait(false) ? reader.GetInt64(0) : (long?)null;
        await reader.NextResultAsync().ConfigureAwait(false);
        return version;
    }

    private void AddParameters(NpgsqlParameterCollection parameters)
    {
        Row.AddTo(parameters);
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = (object?)json ?? DBNull.Value });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)wakeUpAt?.ToUniversalTime() ?? DBNull.Value });
        if (ExpectedVersion is { } expected)
        {
            parameters.Add(new NpgsqlParameter<long> { TypedValue = expected });
        }
    }
}
