using Npgsql;

namespace PacificEdge.Persistence.GroupCommit;

/// <summary>
/// The read of a grain's state row when it activates, as a <see cref="GroupCommitQuery{TResult}"/>: under load,
/// activations read in the same round trip (and transaction) as other units instead of one transaction each. Its result
/// is null when there is no row; a tombstone has a null payload.
/// </summary>
internal static class GrainStateRead
{
    private const string ReadSql = "SELECT payload, version FROM grain_storage WHERE " + GrainStateKey.WhereClause;

    public static GroupCommitQuery<StoredGrainState?> Of(GrainStateKey row) => new(
        row.LockOrder,
        () =>
        {
            var command = new NpgsqlBatchCommand(ReadSql);
            row.AddTo(command.Parameters);
            return command;
        },
        static async reader => await reader.ReadAsync().ConfigureAwait(false)
            ? new StoredGrainState(await reader.IsDBNullAsync(0).ConfigureAwait(false) ? null : reader.GetString(0), reader.GetInt64(1))
            : null);
}
