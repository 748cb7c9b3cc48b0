using Npgsql;

namespace PacificEdge.WebFrontend.Data;

/// <summary>
/// A dashboard refresh's reads - the order counters and the alerts not pushed yet - sent as one batch: one round trip
/// and one read-only implicit transaction, where separate commands cost one transaction each (most of an idle store's).
/// </summary>
public sealed class DashboardQueries(NpgsqlDataSource dataSource)
{
    public async Task<DashboardReading> ReadAsync(DateTimeOffset now, long alertsAfterId, int alertLimit, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        OrderSummaryQueries.AddCounterCommands(batch, now);
        batch.BatchCommands.Add(AdminQueries.AlertsAfterCommand(alertsAfterId, alertLimit));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var counters = await OrderSummaryQueries.ReadCountersAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var alerts = await AdminQueries.ReadAlertsAsync(reader, cancellationToken);
        return new DashboardReading(counters, alerts);
    }
}

/// <summary>The order counters and up to the asked number of alerts stored after the given id, oldest first.</summary>
public sealed record DashboardReading(OrderCounters Counters, IReadOnlyList<Alert> AlertsAfter);
