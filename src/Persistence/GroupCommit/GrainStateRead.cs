using Npgsql;

namespace PacificEdge.Persistence.GroupCommit;

/// <summary>
/// The read of a grain's state row when it activates, as a <see cref="GroupCommitUnit"/>: under load, activations read in
/// the same round trip (and transaction) as other units instead of one transaction each. Null when there is no row; a
/// tombstone has a null payload.
/// </summary>
internal sealed class GrainStateRead(GrainStateKey key) : GroupCommitUnit<StoredGrainState?>
{
    private const string ReadSql = "SELECT payload, version FROM grain_storage WHERE " + GrainStateKey.WhereClause;

    /// <inheritdoc />
    public override string LockOrder => field ??= key.LockOrder;

    /// <inheritdoc />
    protected internal override IEnumerable<NpgsqlBatchCommand> CreateStatements()
    {
        var command = new NpgsqlBatchCommand(ReadSql);
        key.AddTo(command.Parameters);
        yield return command;
    }

    /// <inheritdoc />
    protected override async Task<StoredGrainState?> ReadAsync(NpgsqlDataReader reader)
    {
        StoredGrainState? row = null;
        if (await reader.ReadAsync().ConfigureAwait(false))
        {
            row = new StoredGrainState(await reader.IsDBNullAsync(0).ConfigureAwait(false) ? null : reader.GetString(0), reader.GetInt64(1));
        }

        await reader.NextResultAsync().ConfigureAwait(false);
        return row;
    }
}
