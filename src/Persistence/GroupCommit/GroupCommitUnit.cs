using Npgsql;

namespace PacificEdge.Persistence.GroupCommit;

/// <summary>
/// Statements that must commit together, handed to the <see cref="GroupCommitter"/>: it runs them in one transaction with
/// other units that arrive at the same time, or alone.
/// </summary>
/// <remarks>
/// A unit that <see cref="ReadsResults"/> must make every statement return a result set (a <c>SELECT</c> or a
/// <c>RETURNING</c> clause): a statement without one has no result set of its own in the reader. Units that read come
/// first in a batch, so the result sets of statements nobody reads never stand between them.
/// </remarks>
public abstract class GroupCommitUnit
{
    /// <summary>
    /// Where this unit's rows sort among others' (e.g. <c>"email_log:key"</c>): a batch runs its units in this order, so two
    /// batches that touch the same rows lock them in the same order and cannot deadlock on them.
    /// </summary>
    public abstract string LockOrder { get; }

    /// <summary>Whether <see cref="ReadResultsAsync"/> reads anything (then every statement returns a result set).</summary>
    protected internal virtual bool ReadsResults => true;

    /// <summary>Creates this unit's statements (new commands on every call: a unit may run in a batch, then alone).</summary>
    protected internal abstract IEnumerable<NpgsqlBatchCommand> CreateStatements();

    /// <summary>Reads this unit's results: one result set per statement, in order, each followed by <c>NextResultAsync</c>.</summary>
    protected internal abstract Task ReadResultsAsync(NpgsqlDataReader reader);

    /// <summary>Completes the caller's task with the result read last: the unit is committed.</summary>
    internal abstract void Committed();

    /// <summary>Fails the caller's task: nothing of the unit was committed.</summary>
    internal abstract void Fail(Exception exception);
}
