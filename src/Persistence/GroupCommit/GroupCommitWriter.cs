using System.Collections.Concurrent;
using Npgsql;

namespace PacificEdge.Persistence.GroupCommit;

/// <summary>
/// Commits the state writes of many grains together: writes that arrive while earlier batches are committing wait in a
/// queue, and the next free writer commits up to <c>maxBatch</c> of them in one transaction (one WAL flush instead
/// of one per grain). Each write is still conditional on its own row's version, a conflict fails only that write, and no
/// caller's task completes before its write is committed. There is no standing loop: a write that finds a free writer
/// slot starts one on the thread pool, which runs batches until the queue is empty, so a write on a quiet system goes
/// alone, as a single statement.
/// </summary>
internal sealed class GroupCommitWriter(NpgsqlDataSource dataSource, int writers, int maxBatch)
{
    private readonly ConcurrentQueue<GrainStateWrite> queue = new();
    private readonly SemaphoreSlim slots = new(writers, writers);

    /// <summary>Commits <paramref name="write"/> (alone or with others); the new version, or null on a version conflict.</summary>
    public Task<long?> WriteAsync(GrainStateWrite write)
    {
        queue.Enqueue(write);
        if (slots.Wait(0))
        {
            // On the thread pool: the caller (a grain turn) waits for its own write only, never for a queue it drains.
            _ = Task.Run(DrainAsync);
        }

        return write.Completion.Task;
    }

    // Never throws (CommitAsync settles every write). Re-checks the queue after releasing its slot, so a write queued
    // while every slot was taken is never left behind.
    private async Task DrainAsync()
    {
        do
        {
            try
            {
                List<GrainStateWrite> batch;
                while ((batch = Take()).Count > 0)
                {
                    await CommitAsync(batch).ConfigureAwait(false);
                }
            }
            finally
            {
                slots.Release();
            }
        }
        while (!queue.IsEmpty && slots.Wait(0));
    }

    private List<GrainStateWrite> Take()
    {
        var batch = new List<GrainStateWrite>();
        while (batch.Count < maxBatch && queue.TryDequeue(out var write))
        {
            batch.Add(write);
        }

        return batch;
    }

    private async Task CommitAsync(List<GrainStateWrite> batch)
    {
        if (batch.Count == 1)
        {
            await CommitAloneAsync(batch[0]).ConfigureAwait(false);
            return;
        }

        batch.Sort((a, b) => a.Row.CompareTo(b.Row));
        try
        {
            var versions = await CommitTogetherAsync(batch).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(versions[i]);
            }
        }
        catch (PostgresException ex) when (!TransientDatabaseFailure.IsTransient(ex))
        {
            // One statement failed and rolled the others back (a value the table refuses): commit each alone, so every
            // write gets its own outcome.
            foreach (var write in batch)
            {
                await CommitAloneAsync(write).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // Nothing of the batch was committed and the failure is not one statement's (the database is away, a
            // deadlock with another silo's batch, which Npgsql calls transient): each caller sees its own write fail
            // and retries it.
            foreach (var write in batch)
            {
                write.Completion.TrySetException(ex);
            }
        }
    }

    // Statements sent as one batch run in one implicit transaction: all commit together, or none does.
    private async Task<long?[]> CommitTogetherAsync(List<GrainStateWrite> batch)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var command = new NpgsqlBatch(connection);
        foreach (var write in batch)
        {
            command.BatchCommands.Add(write.ToBatchCommand());
        }

        var versions = new long?[batch.Count];
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        for (var i = 0; i < batch.Count; i++)
        {
            versions[i] = await reader.ReadAsync().ConfigureAwait(false) ? reader.GetInt64(0) : null;
            await reader.NextResultAsync().ConfigureAwait(false);
        }

        return versions;
    }

    private async Task CommitAloneAsync(GrainStateWrite write)
    {
        try
        {
            await using var command = write.ToCommand(dataSource);
            write.Completion.TrySetResult(await command.ExecuteScalarAsync().ConfigureAwait(false) as long?);
        }
        catch (Exception ex)
        {
            write.Completion.TrySetException(ex);
        }
    }
}
