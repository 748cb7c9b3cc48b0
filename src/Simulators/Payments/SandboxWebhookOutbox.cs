using Npgsql;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Interfaces.Payments;

namespace PacificEdge.Simulators.Payments;

/// <summary>
/// The sandbox's webhook outbox in PostgreSQL (table <c>payment_sandbox_webhooks</c>, migration <c>commerce_0007</c>).
/// Rows are written inside the gateway's transactions; delivery claims them with <c>FOR UPDATE SKIP LOCKED</c> and a
/// lease, so several processes can deliver at once without sending the same row twice (unless a claimant dies).
/// </summary>
public sealed class SandboxWebhookOutbox(NpgsqlDataSource dataSource)
{
    private const string InsertSql =
        "INSERT INTO payment_sandbox_webhooks (event_id, kind, payment_id, payload, copies, created_at, next_attempt_at) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $6)";

    private const string ClaimSql =
        "WITH due AS (SELECT seq FROM payment_sandbox_webhooks WHERE status = 'Pending' AND next_attempt_at <= $1 " +
        "ORDER BY next_attempt_at, seq LIMIT $3 FOR UPDATE SKIP LOCKED) " +
        "UPDATE payment_sandbox_webhooks w SET attempts = w.attempts + 1, next_attempt_at = $2 FROM due WHERE w.seq = due.seq " +
        "RETURNING w.seq, w.event_id, w.kind, w.payment_id, w.payload, w.copies, w.attempts, w.created_at, w.last_error";

    private const string DeliveredSql =
        "UPDATE payment_sandbox_webhooks SET status = 'Delivered', delivered_at = $2, last_error = NULL WHERE seq = $1 AND status = 'Pending'";

    private const string FailedSql =
        "UPDATE payment_sandbox_webhooks SET last_error = $2, next_attempt_at = $3 WHERE seq = $1 AND status = 'Pending'";

    private const string AbandonedSql =
        "UPDATE payment_sandbox_webhooks SET status = 'Abandoned', last_error = $2 WHERE seq = $1 AND status = 'Pending'";

    private const string ReleaseSql =
        "UPDATE payment_sandbox_webhooks SET attempts = greatest(attempts - 1, 0), next_attempt_at = $2 WHERE seq = ANY($1) AND status = 'Pending'";

    private const string NextDueSql =
        "SELECT (SELECT min(next_attempt_at) FROM payment_sandbox_webhooks WHERE status = 'Pending'), " +
        "(SELECT min(decide_at) FROM payment_sandbox_payments WHERE status = 'Processing')";

    private const string OutstandingSql =
        "SELECT (SELECT count(*) FROM payment_sandbox_webhooks WHERE status = 'Pending') + " +
        "(SELECT count(*) FROM payment_sandbox_payments WHERE status = 'Processing' AND decide_at IS NOT NULL)";

    /// <summary>Writes a webhook for <paramref name="paymentEvent"/> inside the caller's transaction, due at once.</summary>
    public static async Task EnqueueAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PaymentEvent paymentEvent, Money paymentAmount, int copies, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(InsertSql, connection, transaction);
        command.Parameters.Add(Text(paymentEvent.EventId));
        command.Parameters.Add(Text(paymentEvent.Kind.ToString()));
        command.Parameters.Add(Text(paymentEvent.PaymentId));
        command.Parameters.Add(Text(PaymentWebhookEventBuilder.Build(paymentEvent, paymentAmount)));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = copies });
        command.Parameters.Add(Time(paymentEvent.OccurredAt));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Claims up to <paramref name="limit"/> due webhooks until <paramref name="leaseUntil"/>, oldest first.</summary>
    public async Task<IReadOnlyList<SandboxWebhookDelivery>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(ClaimCommand(now, leaseUntil, limit));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadClaimedAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="ClaimDueAsync"/> plus when the next webhook and payment decision are due, read after the claim in the
    /// same batch: one round trip and one transaction, all an idle pass costs.
    /// </summary>
    public async Task<SandboxClaim> ClaimDueAndPeekAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(ClaimCommand(now, leaseUntil, limit));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(NextDueSql));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var claimed = await ReadClaimedAsync(reader, cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new SandboxClaim(claimed, ReadTime(reader, 0), ReadTime(reader, 1));
    }

    private static NpgsqlBatchCommand ClaimCommand(DateTimeOffset now, DateTimeOffset leaseUntil, int limit)
    {
        var command = new NpgsqlBatchCommand(ClaimSql);
        command.Parameters.Add(Time(now));
        command.Parameters.Add(Time(leaseUntil));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return command;
    }

    private static async Task<IReadOnlyList<SandboxWebhookDelivery>> ReadClaimedAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<SandboxWebhookDelivery>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new SandboxWebhookDelivery(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetInt32(5),
                reader.GetInt32(6),
                reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        // UPDATE ... RETURNING gives no order; send in the order the events were written.
        rows.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        return rows;
    }

    private static DateTimeOffset? ReadTime(NpgsqlDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    public Task MarkDeliveredAsync(long seq, DateTimeOffset at, CancellationToken cancellationToken)
        => ExecuteAsync(DeliveredSql, cancellationToken, Seq(seq), Time(at));

    public Task MarkFailedAsync(long seq, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
        => ExecuteAsync(FailedSql, cancellationToken, Seq(seq), Text(error), Time(nextAttemptAt));

    public Task MarkAbandonedAsync(long seq, string error, CancellationToken cancellationToken)
        => ExecuteAsync(AbandonedSql, cancellationToken, Seq(seq), Text(error));

    /// <summary>Gives back claims this process will not finish (it is stopping), due at once and without using an attempt.</summary>
    public Task ReleaseAsync(IReadOnlyCollection<long> seqs, DateTimeOffset now, CancellationToken cancellationToken)
        => ExecuteAsync(ReleaseSql, cancellationToken, new NpgsqlParameter<long[]> { TypedValue = [.. seqs] }, Time(now));

    /// <summary>Payments awaiting their outcome plus webhooks awaiting delivery.</summary>
    public async Task<long> CountOutstandingAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(OutstandingSql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlParameter<long> Seq(long value) => new() { TypedValue = value };

    private static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value };

    // timestamptz takes UTC only; normalise whatever offset the caller's clock used.
    private static NpgsqlParameter<DateTimeOffset> Time(DateTimeOffset value) => new() { TypedValue = value.ToUniversalTime() };
}
