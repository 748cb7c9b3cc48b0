using System.Collections.Concurrent;
using Npgsql;

namespace PacificEdge.Persistence.GroupCommit;

/// <summary>
/// Commits short independent units of work (grain state writes, outbox rows, projections) of a whole process together:
/// units that arrive while earlier batches are committing wait in a queue, and the next free writer commits up to
/// <c>maxBatch</c> of them in one transaction (one round trip, one WAL flush). No caller's task completes before its
/// unit is committed, and a unit whose statement fails fails alone (see <see cref="CommitAsync"/>). There is no standing
/// loop: a unit that finds a free writer slot starts one on the thread pool, which runs batches until the queue is empty,
/// so a unit on a quiet system goes alone.
/// </summary>
public sealed class GroupCommitter
{
    private readonly NpgsqlDataSource dataSource;
    private readonly int maxBatch;
    private readonly ConcurrentQueue<GroupCommitUnit> queue = new();
    private readonly SemaphoreSlim slots;

    /// <summary>Commits on <paramref name="dataSource"/>, at most <paramref name="writers"/> batches at once of at most <paramref name="maxBatch"/> units each.</summary>
    public GroupCommitter(NpgsqlDataSource dataSource, int writers, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        this.dataSource = dataSource;
        this.maxBatch = maxBatch;
        slots = new SemaphoreSlim(writers, writers);
    }

    /// <summary>
    /// Commits <paramref name="unit"/> alone or with others and returns its result. When a batch fails for one
    /// statement's own reason (a value a table refuses), every unit of it is run again alone, so only the unit at fault
    /// fails; when it fails otherwise (the database is away, a deadlock), every unit of it fails and nothing was committed.
    /// There is no cancellation: a queued unit may be committed with others at any moment.
    /// </summary>
    public Task<TResult> CommitAsync<TResult>(GroupCommitUnit<TResult> unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        queue.Enqueue(unit);
        if (slots.Wait(0))
        {
            // On the thread pool: the caller (a grain turn, a request) waits for its own unit only, never for a queue it drains.
            _ = Task.Run(DrainAsync);
        }

        return unit.Completion;
    }

    /// <summary>
    /// Commits one statement over positional parameters <c>$1…</c> holding <paramref name="values"/>, whose caller needs
    /// only to know it is committed (<see cref="GroupCommitStatements.Single"/>). A cancelled token stops it only before it
    /// is queued.
    /// </summary>
    public Task ExecuteAsync(string lockOrder, string sql, CancellationToken cancellationToken, params object[] values)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return CommitAsync(GroupCommitStatements.Single(lockOrder, sql, values));
    }

    // Never throws (CommitBatchAsync settles every unit). Re-checks the queue after releasing its slot, so a unit queued
    // while every slot was taken is never left behind.
    private async Task DrainAsync()
    {
        do
        {
            try
            {
                List<GroupCommitUnit> batch;
                while ((batch = Take()).Count > 0)
                {
                    await CommitBatchAsync(batch).ConfigureAwait(false);
                }
            }
            finally
            {
                slots.Release();
            }
        }
        while (!queue.IsEmpty && slots.Wait(0));
    }

    private List<GroupCommitUnit> Take()
    {
        var batch = new List<GroupCommitUnit>();
        while (batch.Count < maxBatch && queue.TryDequeue(out var unit))
        {
            batch.Add(unit);
        }

        return batch;
    }

    private async Task CommitBatchAsync(List<GroupCommitUnit> batch)
    {
        if (batch.Count == 1)
        {
            await CommitAloneAsync(batch[0]).ConfigureAwait(false);
            return;
        }

        // Units that read their results first (see GroupCommitUnit); within each part by lock order. Every batch locks
        // rows in this same order, so two batches cannot deadlock on them.
        batch.Sort(static (a, b) => a.ReadsResults != b.ReadsResults ? (a.ReadsResults ? -1 : 1) : string.CompareOrdinal(a.LockOrder, b.LockOrder));
        try
        {
            await RunAsync(batch).ConfigureAwait(false);
            foreach (var unit in batch)
            {
                unit.Committed();
            }
        }
        catch (PostgresException ex) when (!TransientDatabaseFailure.IsTransient(ex))
        {
            // One statement failed and rolled the others back: run each unit alone, so every one gets its own outcome.
            foreach (var unit in batch)
            {
                await CommitAloneAsync(unit).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // Nothing of the batch was committed and the failure is not one statement's (the database is away, a deadlock
            // with another batch, which Npgsql calls transient): each caller sees its own unit fail and may retry it.
            foreach (var unit in batch)
            {
                unit.Fail(ex);
            }
        }
    }

    private async Task CommitAloneAsync(GroupCommitUnit unit)
    {
        try
        {
            await RunAsync([unit]).ConfigureAwait(false);
            unit.Committed();
        }
        catch (Exception ex)
        {
            unit.Fail(ex);
        }
    }

    // Statements sent as one batch run in one implicit transaction, committed when the reader has consumed the last
    // result: all commit together, or none does.
    private async Task RunAsync(IReadOnlyList<GroupCommitUnit> units)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var command = new NpgsqlBatch(connection);
        foreach (var unit in units)
        {
            foreach (var statement in unit.CreateStatements())
            {
                command.BatchCommands.Add(statement);
            }
        }

        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        foreach (var unit in units)
        {
            await unit.ReadResultsAsync(reader).ConfigureAwait(false);
        }

        // Runs the rest of the batch (statements nobody reads) and waits for the commit: a failure there is thrown here.
        while (await reader.NextResultAsync().ConfigureAwait(false))
        {
        }
    }
}
