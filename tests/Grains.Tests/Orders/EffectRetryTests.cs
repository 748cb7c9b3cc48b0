using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PacificEdge.Grains.Integration.Alerts;
using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Tests.Support;
using PacificEdge.Testing;

namespace PacificEdge.Grains.Tests.Orders;

/// <summary>
/// Owed effects are retried each on its own with backoff, dead-lettered after the configured attempts and replayed by
/// an admin; a failing effect holds back neither the status event (the projection row) nor the effects of other
/// targets. On PostgreSQL, with the silo killed half-way, so attempts and parked effects are shown to be persisted.
/// </summary>
public sealed class EffectRetryTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task An_effect_that_fails_a_few_times_runs_once_across_a_silo_kill_and_holds_back_nothing_else()
    {
        var gateway = new ScriptedGateway { VoidFailuresLeft = 3 };
        var connection = await database.CreateExtraDatabaseAsync();
        // Retries 5 s apart: none happens before the kill, so the owed void is still stored when the silo dies.
        await using var cluster = await StartAsync(connection, gateway, new MemoryAdminAlerts(), maxAttempts: 8, retryDelay: TimeSpan.FromSeconds(5));
        var (order, orderId, total) = await PaymentEventTests.PlaceOrderAsync(cluster.Client, "retry-voider");
        await order.ApplyPaymentEvent(new PaymentEvent("evt_auth", PaymentEventKind.Authorized, "pi_v", orderId, total, DateTimeOffset.UtcNow));

        var cancelled = await order.Cancel("changed my mind");

        // The void failed in that call, yet the effects after it ran in it too: the row is up to date right away.
        Assert.Equal(1, gateway.VoidCalls);
        Assert.Equal((cancelled.Version, "Cancelled", 0), await SummaryAsync(connection, orderId));
        var owed = Assert.Single((await order.GetEffects()).Owed);
        Assert.Equal(("VoidPayment", "void:pi_v", 1), (owed.Kind, owed.Key, owed.Attempts));
        Assert.Contains("no such payment", owed.LastError);
        Assert.NotNull(owed.NextAttemptAt);

        // The retry time is stored with the state, not in a reminder registered for it (nor the cart's times).
        Assert.Equal(0L, await ScalarAsync<long>(connection, "SELECT count(*) FROM orleans_reminders WHERE reminder_name IN ('work', 'checkout-recovery', 'abandoned')"));
        Assert.Equal(1L, await ScalarAsync<long>(connection, "SELECT count(*) FROM grain_storage WHERE grain_type = 'order' AND wake_up_at IS NOT NULL"));

        await cluster.KillSiloAsync(cluster.Primary);
        await cluster.StartSiloAsync();

        // Only the new silo's wake-up sweep can finish it: no activation of the order is left to retry.
        var effects = await Eventually.WaitAsync(order.GetEffects, e => e.Owed.Count == 0, "the void to succeed after the restart", TimeSpan.FromSeconds(60));
        Assert.Equal(0L, await ScalarAsync<long>(connection, "SELECT count(*) FROM grain_storage WHERE grain_type = 'order' AND wake_up_at IS NOT NULL"));
        Assert.Empty(effects.DeadLettered);
        Assert.Equal(1, gateway.VoidSucceeded);
        Assert.Equal(0, gateway.VoidFailuresLeft);

        // Done means no longer owed: the next change runs the outbox again and the void is not repeated.
        await order.SendAccessLink(new OrderAccessLinkRequest("retry-voider@example.test", "https://shop.example/orders/x"));
        var latest = await order.Get();
        await Eventually.WaitAsync(() => SummaryAsync(connection, orderId), s => s.Version == latest.Version, "the row to follow the order");
        Assert.Equal(1, gateway.VoidSucceeded);
        Assert.Equal(4, gateway.VoidCalls);
    }

    [Fact]
    public async Task A_permanently_failing_effect_is_dead_lettered_with_an_alert_across_a_silo_kill_and_a_replay_runs_it()
    {
        var gateway = new ScriptedGateway { CaptureFailuresLeft = int.MaxValue };
        var alerts = new MemoryAdminAlerts();
        var connection = await database.CreateExtraDatabaseAsync();
        await using var cluster = await StartAsync(connection, gateway, alerts, maxAttempts: 3);
        var (order, orderId, total) = await PaymentEventTests.PlaceOrderAsync(cluster.Client, "dead-capturer");
        await order.ApplyPaymentEvent(new PaymentEvent("evt_auth", PaymentEventKind.Authorized, "pi_d", orderId, total, DateTimeOffset.UtcNow));

        // The void of the same payment waits behind the failing capture (one lane per payment); the status event does not.
        var cancelled = await order.Cancel("fraud suspected");
        Assert.Equal((cancelled.Version, "Cancelled", 0), await SummaryAsync(connection, orderId));
        Assert.Equal(0, gateway.VoidCalls);

        await Eventually.WaitAsync(order.GetEffects, e => e.Owed.Any(o => o.Kind == "CapturePayment" && o.Attempts >= 2), "a second failed capture");
        await cluster.KillSiloAsync(cluster.Primary);
        await cluster.StartSiloAsync();

        var effects = await Eventually.WaitAsync(order.GetEffects, e => e.DeadLettered.Count > 0 && e.Owed.Count == 0, "the capture to be dead-lettered and the void to run", TimeSpan.FromSeconds(60));
        var parked = Assert.Single(effects.DeadLettered);
        Assert.Equal(("CapturePayment", "capture:pi_d", 3), (parked.Kind, parked.Key, parked.Attempts));
        Assert.Contains("capture refused", parked.LastError);
        Assert.NotNull(parked.DeadLetteredAt);
        // Three attempts in all: the count survived the kill (one more only if the kill cut an attempt short).
        Assert.InRange(gateway.CaptureCalls, 3, 4);
        Assert.Equal(1, gateway.VoidSucceeded);

        var alert = Assert.Single(alerts.Alerts);
        Assert.Equal(AdminAlertKinds.EffectDeadLettered, alert.Kind);
        Assert.Contains(orderId, alert.Message);
        Assert.Contains("CapturePayment (capture:pi_d)", alert.Message);
        Assert.Equal(3m, alert.Value);
        Assert.Equal(3m, alert.Threshold);
        var view = await order.Get();
        Assert.Contains(view.Timeline, t => t.Event == "effect.dead_lettered");
        await Eventually.WaitAsync(() => SummaryAsync(connection, orderId), s => s == (view.Version, "Cancelled", 1), "the row to count the parked effect");

        gateway.CaptureFailuresLeft = 0;
        var replayed = await order.ReplayDeadLetteredEffects();

        Assert.Empty(replayed.DeadLettered);
        Assert.Empty(replayed.Owed);
        Assert.Equal(1, gateway.CaptureSucceeded);
        var after = await order.Get();
        Assert.Contains(after.Timeline, t => t.Event == "effect.replayed");
        await Eventually.WaitAsync(() => SummaryAsync(connection, orderId), s => s == (after.Version, "Cancelled", 0), "the row to drop the count");
        Assert.Single(alerts.Alerts);
        Assert.Empty((await order.ReplayDeadLetteredEffects()).DeadLettered); // nothing left: changes nothing
        Assert.Equal(after.Version, (await order.Get()).Version);
    }

    private static Task<CommerceTestCluster> StartAsync(string connection, ScriptedGateway gateway, MemoryAdminAlerts alerts, int maxAttempts, TimeSpan? retryDelay = null)
        => CommerceCluster.StartAsync(connection, b => b
            .WithConfiguration("Commerce:EffectMaxAttempts", maxAttempts)
            .WithConfiguration("Commerce:EffectRetryDelay", retryDelay ?? TimeSpan.FromMilliseconds(500))
            .WithConfiguration("Commerce:EffectRetryMaxDelay", retryDelay ?? TimeSpan.FromSeconds(1))
            .ConfigureServices(s => s
                .AddSingleton<IPaymentGateway>(gateway)
                .AddSingleton<IAdminAlerts>(alerts)));

    private static async Task<T> ScalarAsync<T>(string connection, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(connection);
        await using var select = dataSource.CreateCommand(sql);
        return (T)(await select.ExecuteScalarAsync())!;
    }

    private static async Task<(long Version, string Fulfilment, int DeadLettered)> SummaryAsync(string connection, string orderId)
    {
        await using var dataSource = NpgsqlDataSource.Create(connection);
        await using var select = dataSource.CreateCommand("SELECT version, fulfilment, dead_lettered_effects FROM order_summaries WHERE order_id = $1");
        select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = orderId });
        await using var reader = await select.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2)) : (0, "", 0);
    }

    /// <summary>A payment gateway whose capture and void fail a set number of times (as a provider that lost a payment would).</summary>
    private sealed class ScriptedGateway : IPaymentGateway
    {
        private int _captureCalls, _captureSucceeded, _voidCalls, _voidSucceeded;

        public volatile int CaptureFailuresLeft;

        public volatile int VoidFailuresLeft;

        public int CaptureCalls => Volatile.Read(ref _captureCalls);

        public int CaptureSucceeded => Volatile.Read(ref _captureSucceeded);

        public int VoidCalls => Volatile.Read(ref _voidCalls);

        public int VoidSucceeded => Volatile.Read(ref _voidSucceeded);

        public Task<PaymentAttempt> CreatePaymentAsync(PaymentRequest request, CancellationToken cancellationToken)
            => throw new NotSupportedException("These tests pay through payment events.");

        public Task<PaymentAttempt> CaptureAsync(string paymentId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _captureCalls);
            if (CaptureFailuresLeft > 0)
            {
                CaptureFailuresLeft--;
                throw new InvalidOperationException($"capture refused for {paymentId}");
            }

            Interlocked.Increment(ref _captureSucceeded);
            return Task.FromResult(new PaymentAttempt(paymentId, PaymentAttemptStatus.Succeeded));
        }

        public Task<RefundResult> RefundAsync(string paymentId, Money amount, string idempotencyKey, CancellationToken cancellationToken)
            => throw new NotSupportedException("No refunds in these tests.");

        public Task VoidAsync(string paymentId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _voidCalls);
            if (VoidFailuresLeft > 0)
            {
                VoidFailuresLeft--;
                throw new NotFoundException($"no such payment {paymentId}");
            }

            Interlocked.Increment(ref _voidSucceeded);
            return Task.CompletedTask;
        }
    }
}
