using Npgsql;

namespace PacificEdge.WebFrontend.Data;

/// <summary>Reads the order projection (<c>order_summaries</c>) for lists and counters.</summary>
public sealed class OrderSummaryQueries(NpgsqlDataSource dataSource)
{
    /// <summary>Days in the dashboard's revenue chart (today last).</summary>
    public const int RevenueDays = 14;

    private const string Columns = "order_id, customer_id, payment, fulfilment, total, currency, last_event, version, created_at, updated_at";

    public async Task<Page<OrderSummary>> ListAsync(OrderFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var where = "WHERE ($1::text IS NULL OR customer_id = $1) AND ($2::text IS NULL OR payment = $2) AND ($3::text IS NULL OR fulfilment = $3)"
                    + (filter.DeadLettered ? " AND dead_lettered_effects > 0" : "")
                    + (filter.Search is null ? "" : " AND (strpos(order_id, $6) > 0 OR strpos(customer_id, $6) > 0)");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        long total;
        await using (var count = new NpgsqlCommand($"SELECT count(*) FROM order_summaries {where}", connection))
        {
            AddFilter(count, filter);
            AddSearch(count, filter);
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        await using var select = new NpgsqlCommand(
            $"SELECT {Columns} FROM order_summaries {where} ORDER BY created_at DESC, order_id LIMIT $4 OFFSET $5", connection);
        AddFilter(select, filter);
        select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = pageSize });
        select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (page - 1) * pageSize });
        AddSearch(select, filter);
        var items = new List<OrderSummary>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new OrderSummary(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDecimal(4), reader.GetString(5),
                reader.GetString(6), reader.GetInt64(7), reader.GetFieldValue<DateTimeOffset>(8), reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return new Page<OrderSummary>(items, page, pageSize, total);
    }

    /// <summary>The dashboard's order numbers in one round trip (one batch, so one read-only transaction).</summary>
    public async Task<OrderCounters> CountersAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        AddCounterCommands(batch, now);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadCountersAsync(reader, cancellationToken);
    }

    /// <summary>Adds the counters' four queries to <paramref name="batch"/>; <see cref="ReadCountersAsync"/> reads their results.</summary>
    internal static void AddCounterCommands(NpgsqlBatch batch, DateTimeOffset now)
    {
        const string totals =
            "SELECT " +
            " (SELECT count(*) FROM order_summaries WHERE created_at > $1 - interval '5 minutes')," +
            " (SELECT coalesce(sum(total - refunded), 0) FROM order_summaries WHERE paid_at >= date_trunc('day', $1 AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AND payment IN ('Paid', 'PartiallyRefunded', 'Refunded'))," +
            " (SELECT count(*) FROM payment_outcomes WHERE outcome = 'failed' AND at > $1 - interval '1 hour')," +
            " (SELECT count(*) FROM payment_outcomes WHERE at > $1 - interval '1 hour')," +
            " (SELECT count(*) FROM webhook_rejections WHERE at > $1 - interval '5 minutes')" +
            "  + (SELECT count(*) FROM webhook_events WHERE status IN ('Failed', 'Abandoned') AND received_at > $1 - interval '5 minutes')";
        var at = now.ToUniversalTime();
        var command = new NpgsqlBatchCommand(totals);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at });
        batch.BatchCommands.Add(command);

        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT payment || '/' || fulfilment, count(*) FROM order_summaries GROUP BY 1"));

        command = new NpgsqlBatchCommand(
            "SELECT floor(extract(epoch FROM ($1 - created_at)) / 60)::int, count(*) FROM order_summaries WHERE created_at > $1 - interval '15 minutes' GROUP BY 1");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at });
        batch.BatchCommands.Add(command);

        command = new NpgsqlBatchCommand(
            "SELECT (date_trunc('day', $1 AT TIME ZONE 'UTC')::date - (paid_at AT TIME ZONE 'UTC')::date), sum(total - refunded) FROM order_summaries " +
            "WHERE paid_at >= date_trunc('day', $1 AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - make_interval(days => $2) " +
            "AND payment IN ('Paid', 'PartiallyRefunded', 'Refunded') GROUP BY 1");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = RevenueDays - 1 });
        batch.BatchCommands.Add(command);
    }

    /// <summary>Reads the results of <see cref="AddCounterCommands"/>, leaving <paramref name="reader"/> on the last of them.</summary>
    internal static async Task<OrderCounters> ReadCountersAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        await reader.ReadAsync(cancellationToken);
        var recent = reader.GetInt64(0);
        var revenue = reader.GetDecimal(1);
        var failed = reader.GetInt64(2);
        var outcomes = reader.GetInt64(3);
        var webhookFailures = reader.GetInt64(4);

        await reader.NextResultAsync(cancellationToken);
        var byStatus = new Dictionary<string, long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            byStatus[reader.GetString(0)] = reader.GetInt64(1);
        }

        await reader.NextResultAsync(cancellationToken);
        var perMinute = new long[15];
        while (await reader.ReadAsync(cancellationToken))
        {
            var minutesAgo = reader.GetInt32(0);
            if (minutesAgo is >= 0 and < 15)
            {
                perMinute[14 - minutesAgo] = reader.GetInt64(1);
            }
        }

        await reader.NextResultAsync(cancellationToken);
        var revenueByDay = new decimal[RevenueDays];
        while (await reader.ReadAsync(cancellationToken))
        {
            var daysAgo = reader.GetInt32(0);
            if (daysAgo is >= 0 and < RevenueDays)
            {
                revenueByDay[RevenueDays - 1 - daysAgo] = reader.GetDecimal(1);
            }
        }

        return new OrderCounters(
            OrdersPerMinute: recent / 5.0,
            RevenueToday: revenue,
            OrdersByStatus: byStatus,
            PaymentFailureRate: outcomes == 0 ? 0 : (double)failed / outcomes,
            WebhookFailuresLast5Minutes: webhookFailures,
            OrdersPerMinuteSeries: perMinute,
            RevenuePerDaySeries: revenueByDay);
    }

    // $6 in both commands ($4/$5 are the select's paging): the count gets placeholders for them.
    private static void AddSearch(NpgsqlCommand command, OrderFilter filter)
    {
        if (filter.Search is null)
        {
            return;
        }

        while (command.Parameters.Count < 5)
        {
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = 0 });
        }

        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = filter.Search });
    }

    private static void AddFilter(NpgsqlCommand command, OrderFilter filter)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.CustomerId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Payment ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Fulfilment ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
    }
}

/// <summary>Optional filters for order lists.</summary>
/// <param name="DeadLettered">Only orders with dead-lettered effects (staff lists).</param>
/// <param name="Search">Part of an order id or customer id (staff search).</param>
public sealed record OrderFilter(string? CustomerId = null, string? Payment = null, string? Fulfilment = null, bool DeadLettered = false, string? Search = null);

/// <summary>Order numbers for the dashboard. Revenue is net of refunds, by the day the order was paid (UTC).</summary>
/// <param name="RevenuePerDaySeries">Net revenue per day for the last <see cref="OrderSummaryQueries.RevenueDays"/> days, oldest first (today last).</param>
public sealed record OrderCounters(
    double OrdersPerMinute,
    decimal RevenueToday,
    IReadOnlyDictionary<string, long> OrdersByStatus,
    double PaymentFailureRate,
    long WebhookFailuresLast5Minutes,
    IReadOnlyList<long> OrdersPerMinuteSeries,
    IReadOnlyList<decimal> RevenuePerDaySeries);
