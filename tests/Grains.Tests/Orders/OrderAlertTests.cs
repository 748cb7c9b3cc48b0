using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PacificEdge.Grains.Integration.Alerts;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Tests.Support;
using PacificEdge.Testing;

namespace PacificEdge.Grains.Tests.Orders;

/// <summary>A mis-paid order or a refund the order cannot take raises one admin alert per event, through the outbox.</summary>
public sealed class OrderAlertTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task A_mismatched_payment_replayed_and_then_captured_raises_one_alert_with_the_order_and_the_amounts()
    {
        await using var cluster = await CommerceCluster.StartAsync();
        var (order, orderId, total) = await PaymentEventTests.PlaceOrderAsync(cluster.Client, "alert-mispayer");
        var wrong = new Money(0.01m, "EUR");
        var authorized = new PaymentEvent("evt_auth", PaymentEventKind.Authorized, "pi_wrong", orderId, wrong, DateTimeOffset.UtcNow);
        var succeeded = new PaymentEvent("evt_ok", PaymentEventKind.Succeeded, "pi_wrong", orderId, wrong, DateTimeOffset.UtcNow);

        await order.ApplyPaymentEvent(authorized);
        await order.ApplyPaymentEvent(succeeded);
        await order.ApplyPaymentEvent(succeeded);

        var alerts = cluster.Service<MemoryAdminAlerts>();
        var alert = Assert.Single(alerts.Alerts);
        Assert.Equal(AdminAlertKinds.PaymentAmountMismatch, alert.Kind);
        Assert.Equal($"order:{orderId}:alert:mismatch:pi_wrong", alert.Key);
        Assert.Equal(0.01m, alert.Value);
        Assert.Equal(total.Amount, alert.Threshold);
        Assert.Contains(orderId, alert.Message);
        Assert.Contains("0.01 EUR", alert.Message);
        Assert.Contains(total.ToString(), alert.Message);
        Assert.NotEqual(PaymentStatus.Paid, (await order.Get()).Payment);
    }

    [Fact]
    public async Task An_excess_refund_and_a_refund_on_a_fully_refunded_order_each_raise_one_alert()
    {
        await using var cluster = await CommerceCluster.StartAsync();
        var (order, orderId, total) = await PaymentEventTests.PlaceOrderAsync(cluster.Client, "alert-refunded");
        await order.ApplyPaymentEvent(new PaymentEvent("evt_pay", PaymentEventKind.Succeeded, "pi_pay", orderId, total, DateTimeOffset.UtcNow));
        var huge = new PaymentEvent("evt_refund", PaymentEventKind.Refunded, "pi_pay", orderId, new Money(1_000_000m, total.Currency), DateTimeOffset.UtcNow, RefundId: "re_huge");

        await order.ApplyPaymentEvent(huge);
        await order.ApplyPaymentEvent(huge);
        await order.ApplyPaymentEvent(huge with { EventId = "evt_refund_again" }); // the same refund under another event id
        await order.ApplyPaymentEvent(new PaymentEvent("evt_more", PaymentEventKind.Refunded, "pi_pay", orderId, new Money(5m, total.Currency), DateTimeOffset.UtcNow, RefundId: "re_more"));

        var alerts = cluster.Service<MemoryAdminAlerts>().Alerts;
        Assert.Equal(2, alerts.Count);
        var excess = Assert.Single(alerts, a => a.Kind == AdminAlertKinds.RefundExcess);
        Assert.Equal($"order:{orderId}:alert:refund-excess:re_huge", excess.Key);
        Assert.Equal(1_000_000m, excess.Value);
        Assert.Equal(total.Amount, excess.Threshold);
        Assert.Contains(orderId, excess.Message);
        Assert.Contains($"1000000.00 {total.Currency}", excess.Message);
        var rejected = Assert.Single(alerts, a => a.Kind == AdminAlertKinds.RefundRejected);
        Assert.Equal($"order:{orderId}:alert:refund-rejected:re_more", rejected.Key);
        Assert.Equal(5m, rejected.Value);
    }

    [Fact]
    public async Task An_alert_that_cannot_be_stored_stays_owed_and_is_raised_once_when_the_store_is_back()
    {
        var flaky = new SwitchableAlerts(new MemoryAdminAlerts()) { Failing = true };
        await using var cluster = await CommerceCluster.StartAsync(configure: b => b.ConfigureServices(s => s.AddSingleton<IAdminAlerts>(flaky)));
        var (order, orderId, _) = await PaymentEventTests.PlaceOrderAsync(cluster.Client, "alert-flaky");

        var view = await order.ApplyPaymentEvent(new PaymentEvent("evt_mis", PaymentEventKind.Succeeded, "pi_mis", orderId, new Money(0.5m, "USD"), DateTimeOffset.UtcNow));
        Assert.Contains(view.Timeline, t => t.Event == "payment.amount_mismatch");
        await Eventually.WaitAsync(() => Task.FromResult(flaky.Attempts), a => a >= 2, "the failed alert to be retried");
        flaky.Failing = false;

        await Eventually.WaitAsync(() => Task.FromResult(flaky.Inner.Alerts), a => a.Count > 0, "the owed alert");
        // Done means no longer owed: the next change to the order raises nothing again.
        await order.ApplyPaymentEvent(new PaymentEvent("evt_right", PaymentEventKind.Succeeded, "pi_right", orderId, (await order.Get()).Total, DateTimeOffset.UtcNow));
        Assert.Equal(1, flaky.Succeeded);
        var alert = Assert.Single(flaky.Inner.Alerts);
        Assert.Equal(AdminAlertKinds.PaymentAmountMismatch, alert.Kind);
    }

    [Fact]
    public async Task A_silo_that_dies_after_storing_the_alert_but_before_noting_it_done_leaves_one_stored_alert()
    {
        await CommerceClusterBuilder.MigrateAsync(database.ConnectionString);
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        // Stores the alert, then fails: the order still owes it, as if the silo had died before writing its state.
        var crashing = new SwitchableAlerts(new PostgresAdminAlerts(dataSource)) { FailAfterStoring = true };
        await using var cluster = await CommerceCluster.StartAsync(database.ConnectionString, b => b.ConfigureServices(s => s.AddSingleton<IAdminAlerts>(crashing)));
        var (order, orderId, _) = await PaymentEventTests.PlaceOrderAsync(cluster.Client, "alert-crash");
        await order.ApplyPaymentEvent(new PaymentEvent("evt_mis", PaymentEventKind.Succeeded, "pi_mis", orderId, new Money(0.5m, "USD"), DateTimeOffset.UtcNow));
        Assert.True(crashing.Attempts >= 1);

        await cluster.KillSiloAsync(cluster.Primary);
        crashing.FailAfterStoring = false;
        await cluster.StartSiloAsync();

        await Eventually.WaitAsync(() => Task.FromResult(crashing.Succeeded), s => s > 0, "the next silo to finish the owed alert", TimeSpan.FromSeconds(60));
        await using var count = dataSource.CreateCommand("SELECT count(*), min(kind), min(message) FROM alerts WHERE key = $1");
        count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"order:{orderId}:alert:mismatch:pi_mis" });
        await using var reader = await count.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(1L, reader.GetInt64(0));
        Assert.Equal(AdminAlertKinds.PaymentAmountMismatch, reader.GetString(1));
        Assert.Contains(orderId, reader.GetString(2));
    }

    [Fact]
    public async Task The_postgres_store_keeps_one_alert_per_key_and_dashboard_alerts_without_a_key_never_conflict()
    {
        var connection = await database.CreateExtraDatabaseAsync();
        await CommerceClusterBuilder.MigrateAsync(connection);
        await using var dataSource = NpgsqlDataSource.Create(connection);
        var alerts = new PostgresAdminAlerts(dataSource);
        var alert = new AdminAlert("order:o1:alert:x", AdminAlertKinds.RefundExcess, "Order o1: refund", 10m, 5m);

        Assert.True(await alerts.RaiseAsync(alert, CancellationToken.None));
        Assert.False(await alerts.RaiseAsync(alert with { Message = "again" }, CancellationToken.None));
        for (var i = 0; i < 2; i++)
        {
            await using var keyless = dataSource.CreateCommand("INSERT INTO alerts (kind, message, value, threshold) VALUES ('checkout_p95', 'slow', 1, 1)");
            await keyless.ExecuteNonQueryAsync();
        }

        await using var count = dataSource.CreateCommand("SELECT count(*) FILTER (WHERE key IS NOT NULL), count(*) FROM alerts");
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(1L, reader.GetInt64(0));
        Assert.Equal(3L, reader.GetInt64(1));
    }

    private sealed class SwitchableAlerts(IAdminAlerts inner) : IAdminAlerts
    {
        private int _attempts;
        private int _succeeded;

        public volatile bool Failing;
        public volatile bool FailAfterStoring;

        public MemoryAdminAlerts Inner => (MemoryAdminAlerts)inner;

        public int Attempts => Volatile.Read(ref _attempts);

        public int Succeeded => Volatile.Read(ref _succeeded);

        public async Task<bool> RaiseAsync(AdminAlert alert, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            if (Failing)
            {
                throw new InvalidOperationException("alert store down");
            }

            var stored = await inner.RaiseAsync(alert, cancellationToken);
            if (FailAfterStoring)
            {
                throw new InvalidOperationException("died after storing");
            }

            Interlocked.Increment(ref _succeeded);
            return stored;
        }
    }
}
