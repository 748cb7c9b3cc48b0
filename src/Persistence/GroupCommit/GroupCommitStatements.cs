using Npgsql;

namespace PacificEdge.Persistence.GroupCommit;

/// <summary>
/// Statements whose caller needs only to know they are committed (an outbox row, a status change, a projection and its
/// NOTIFY), as one <see cref="GroupCommitUnit"/>: they commit together, with other units or alone. Any rows they return
/// are dropped unread.
/// </summary>
/// <param name="lockOrder">The unit's place among others in a batch (see <see cref="GroupCommitUnit.LockOrder"/>).</param>
/// <param name="statements">Creates the statements, in order (called again when the unit is committed alone after its batch failed).</param>
public sealed class GroupCommitStatements(string lockOrder, Func<IEnumerable<NpgsqlBatchCommand>> statements) : GroupCommitUnit<int>
{
    private int count;

    /// <summary>One statement over positional parameters <c>$1…</c> holding <paramref name="values"/>.</summary>
    public static GroupCommitStatements Single(string lockOrder, string sql, params object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new GroupCommitStatements(lockOrder, () =>
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var value in values)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            return [command];
        });
    }

    /// <inheritdoc />
    public override string LockOrder { get; } = lockOrder;

    /// <inheritdoc />
    protected internal override IEnumerable<NpgsqlBatchCommand> CreateStatements()
    {
        var created = statements().ToList();
        count = created.Count;
        return created;
    }

    /// <inheritdoc />
    protected internal override bool ReadsResults => false;

    /// <summary>Reads nothing (the reader skips what is left when it closes); the number of statements.</summary>
    protected override Task<int> ReadAsync(NpgsqlDataReader reader) => Task.FromResult(count);
}
