using Npgsql;

namespace PacificEdge.Persistence.GroupCommit;

/// <summary>A <see cref="GroupCommitUnit"/> whose caller awaits a <typeparamref name="TResult"/> read from its statements' results.</summary>
public abstract class GroupCommitUnit<TResult> : GroupCommitUnit
{
    // Completed by whichever caller runs the batch holding this unit: never inline on that caller's stack.
    private readonly TaskCompletionSource<TResult> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes after the unit's commit with its result, or fails when it was not committed.</summary>
    public Task<TResult> Completion => completion.Task;

    /// <summary>Reads the result of the statements (see <see cref="GroupCommitUnit.ReadResultsAsync"/>); not yet committed.</summary>
    protected abstract Task<TResult> ReadAsync(NpgsqlDataReader reader);

    /// <inheritdoc />
    protected internal sealed override async Task ReadResultsAsync(NpgsqlDataReader reader) => Pending = await ReadAsync(reader).ConfigureAwait(false);

    // The result read from the latest run, handed to the caller only once that run committed.
    private TResult? Pending { get; set; }

    internal override void Committed() => completion.TrySetResult(Pending!);

    internal override void Fail(Exception exception) => completion.TrySetException(exception);
}
