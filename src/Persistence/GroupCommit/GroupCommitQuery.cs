using Npgsql;

namespace PacificEdge.Persistence.GroupCommit;

/// <summary>
/// One statement that returns rows (a <c>SELECT</c>, or a change with <c>RETURNING</c>) as a <see cref="GroupCommitUnit"/>:
/// under load it shares a round trip and a transaction with other units instead of being a transaction of its own.
/// </summary>
/// <param name="lockOrder">The unit's place among others in a batch (see <see cref="GroupCommitUnit.LockOrder"/>).</param>
/// <param name="statement">Creates the statement (called again when the unit is committed alone after its batch failed).</param>
/// <param name="read">Reads the statement's rows (the reader is on its result set) into the caller's result.</param>
public sealed class GroupCommitQuery<TResult>(string lockOrder, Func<NpgsqlBatchCommand> statement, Func<NpgsqlDataReader, Task<TResult>> read)
    : GroupCommitUnit<TResult>
{
    /// <inheritdoc />
    public override string LockOrder { get; } = lockOrder;

    /// <inheritdoc />
    protected internal override IEnumerable<NpgsqlBatchCommand> CreateStatements() => [statement()];

    /// <inheritdoc />
    protected override async Task<TResult> ReadAsync(NpgsqlDataReader reader)
    {
        var result = await read(reader).ConfigureAwait(false);
        // Rows the reader left unread are skipped here.
        await reader.NextResultAsync().ConfigureAwait(false);
        return result;
    }
}
