using Npgsql;
using NpgsqlTypes;
using PacificEdge.Persistence.GroupCommit;
using PacificEdge.Grains.Interfaces.Orders;

namespace PacificEdge.Grains.Events;

/// <summary>
/// Keeps <c>order_summaries</c> (lists, "my orders", dashboard counters) and announces each change
/// with <c>NOTIFY order_events</c>, in one transaction, so a front end in another process hears of
/// every change it can also read. The statements go through the process's <see cref="GroupCommitter"/>: under load they share
/// a transaction with other orders' writes.
/// </summary>
public sealed class OrderSummaryProjection(GroupCommitter committer)
{
    private const string UpsertSql =
        "INSERT INTO order_summaries (order_id, customer_id, payment, fulfilment, total, currency, last_event, version, created_at, updated_at, paid_at, dead_lettered_effects, refunded) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, CASE WHEN $3 = 'Paid' THEN $9 END, $10, $11) " +
        "ON CONFLICT (order_id) DO UPDATE SET payment = EXCLUDED.payment, fulfilment = EXCLUDED.fulfilment, total = EXCLUDED.total, " +
        "last_event = EXCLUDED.last_event, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at, " +
        "dead_lettered_effects = EXCLUDED.dead_lettered_effects, refunded = EXCLUDED.refunded, " +
        "paid_at = COALESCE(order_summaries.paid_at, EXCLUDED.paid_at) " +
        "WHERE order_summaries.version < EXCLUDED.version";

    private const string OutcomeSql =
        "INSERT INTO payment_outcomes (order_id, version, outcome, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";

    // One unit: the row, the outcome and the announcement commit together (alone or in a group commit).
    public Task ApplyAsync(OrderStatusChanged change, string notificationPayload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        cancellationToken.ThrowIfCancellationRequested();
        return committer.CommitAsync(new GroupCommitStatements($"order_summaries:{change.OrderId}", () => Statements(change, notificationPayload)));
    }

    private static IEnumerable<NpgsqlBatchCommand> Statements(OrderStatusChanged change, string notificationPayload)
    {
        var upsert = new NpgsqlBatchCommand(UpsertSql);
        upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.OrderId });
        upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.CustomerId });
        upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.Payment.ToString() });
        upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.Fulfilment.ToString() });
        upsert.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = change.Total.Amount });
        upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.Total.Currency });
        upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.Event });
        upsert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = change.Version });
        upsert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = change.At.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        upsert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = change.DeadLetteredEffects });
        upsert.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = change.Refunded });
        yield return upsert;

        if (change.Event is "payment.paid" or "payment.failed")
        {
            var outcome = new NpgsqlBatchCommand(OutcomeSql);
            outcome.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.OrderId });
            outcome.Parameters.Add(new NpgsqlParameter<long> { TypedValue = change.Version });
            outcome.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.Event == "payment.paid" ? "paid" : "failed" });
            outcome.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = change.At.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
            yield return outcome;
        }

        var notify = new NpgsqlBatchCommand("SELECT pg_notify($1, $2)");
        notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = OrderEventWire.Channel });
        notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = notificationPayload });
        yield return notify;
    }
}
