using Npgsql;
using PacificEdge.Persistence.GroupCommit;

namespace PacificEdge.WebFrontend.Data;

/// <summary>
/// Raw webhook events in PostgreSQL, stored before processing (unique per provider + event id),
/// claimed by one processor at a time with a lease, retried with backoff. Outcomes (processed, failed) go through the
/// process's <see cref="GroupCommitter"/>.
/// </summary>
public sealed class WebhookStore(NpgsqlDataSource dataSource, GroupCommitter committer)
{
    // What Read expects, in its order.
    private const string EventColumns = "id, provider, event_id, event_type, payload, status, attempts, last_error, received_at, processed_at";

    /// <summary>
    /// Stores a new event already claimed by this process (first attempt, leased until <paramref name="leaseUntil"/>), so
    /// processing it needs no claim of its own; null when the same provider event was stored before. If this process
    /// stops before it is processed, the periodic scan of any front end picks it up when the lease ends.
    /// </summary>
    public async Task<WebhookEvent?> TryStoreClaimedAsync(string provider, string eventId, string eventType, string payload, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO webhook_events (provider, event_id, event_type, payload, status, attempts, next_attempt_at) VALUES ($1, $2, $3, $4, 'Received', 1, $5) " +
            "ON CONFLICT (provider, event_id) DO NOTHING " +
            "RETURNING " + EventColumns);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = provider });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = eventId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = eventType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payload });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = leaseUntil.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Claims an event for processing until <paramref name="leaseUntil"/>; null if it is not due or someone else has it.</summary>
    public async Task<WebhookEvent?> TryClaimAsync(long id, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE webhook_events SET attempts = attempts + 1, next_attempt_at = $3 " +
            "WHERE id = $1 AND status IN ('Received', 'Failed') AND next_attempt_at <= $2 " +
            "RETURNING " + EventColumns);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = leaseUntil.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> events due at <paramref name="now"/> (retries, ended leases), earliest first, and
    /// when the next of the others falls due (null when none waits), in one batch: one round trip, one transaction.
    /// </summary>
    public async Task<WebhookScan> ScanAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var at = now.ToUniversalTime();
        await using var batch = dataSource.CreateBatch();
        var due = new NpgsqlBatchCommand(
            "SELECT id FROM webhook_events WHERE status IN ('Received', 'Failed') AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $2");
        due.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at });
        due.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        batch.BatchCommands.Add(due);
        var next = new NpgsqlBatchCommand("SELECT min(next_attempt_at) FROM webhook_events WHERE status IN ('Received', 'Failed') AND next_attempt_at > $1");
        next.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at });
        batch.BatchCommands.Add(next);

        var ids = new List<long>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new WebhookScan(ids, reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0));
    }

    public Task MarkProcessedAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
        => CommitAsync(id, "UPDATE webhook_events SET status = 'Processed', processed_at = $2, last_error = NULL WHERE id = $1", cancellationToken, id, now.ToUniversalTime());

    public Task MarkFailedAsync(long id, string error, DateTimeOffset retryAt, bool abandon, CancellationToken cancellationToken)
        => CommitAsync(
            id,
            "UPDATE webhook_events SET status = $4, last_error = $2, next_attempt_at = $3 WHERE id = $1",
            cancellationToken,
            id,
            error.Length > 1000 ? error[..1000] : error,
            retryAt.ToUniversalTime(),
            abandon ? "Abandoned" : "Failed");

    /// <summary>Puts a failed or abandoned event back in the queue (admin replay). False if it was processed already or does not exist.</summary>
    public async Task<bool> ReplayAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE webhook_events SET status = 'Received', attempts = 0, next_attempt_at = $2 WHERE id = $1 AND status IN ('Failed', 'Abandoned')");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public Task RecordRejectionAsync(string provider, string reason, CancellationToken cancellationToken)
        => committer.ExecuteAsync("webhook_rejections:", "INSERT INTO webhook_rejections (provider, reason) VALUES ($1, $2)", cancellationToken, provider, reason);

    public async Task<IReadOnlyList<WebhookEvent>> ListAsync(string? status, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT " + EventColumns + " FROM webhook_events " +
            "WHERE ($1::text IS NULL OR status = $1) ORDER BY id DESC LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var events = new List<WebhookEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(Read(reader));
        }

        return events;
    }

    private static WebhookEvent Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
        reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8),
        reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9));

    private Task CommitAsync(long id, string sql, CancellationToken cancellationToken, params object[] values)
        => committer.ExecuteAsync($"webhook_events:{id:D19}", sql, cancellationToken, values);
}

/// <summary>A stored webhook event.</summary>
public sealed record WebhookEvent(
    long Id, string Provider, string EventId, string EventType, string Payload, string Status, int Attempts, string? LastError,
    DateTimeOffset ReceivedAt, DateTimeOffset? ProcessedAt);
