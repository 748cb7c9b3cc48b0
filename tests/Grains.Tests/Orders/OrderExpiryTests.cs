using Npgsql;
using PacificEdge.Grains.Interfaces.Catalog;
using PacificEdge.Grains.Interfaces.Loyalty;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Tests.Support;
using Orleans;
using PacificEdge.Testing;

namespace PacificEdge.Grains.Tests.Orders;

/// <summary>An unpaid order expires and gives back its stock and points exactly once.</summary>
public abstract class OrderExpiryTests(StorageKind storage)
{
    protected const string Sku = "PE-SEMAX-10MG";

    [Fact]
    public async Task An_unpaid_order_expires_at_its_deadline_and_returns_stock_and_points_once()
    {
        await using var cluster = await StartAsync(TimeSpan.FromSeconds(1));
        var order = await PlaceOrderAsync(cluster.Client, "exp-1");

        var expired = await Eventually.WaitAsync(order.Get, o => o.Payment == PaymentStatus.Expired && o.Timeline.Count > 0, "the order to expire");

        Assert.Equal(FulfilmentStatus.Cancelled, expired.Fulfilment);
        await AssertReturnedOnceAsync(cluster.Client, expired.OrderId, "exp-1");
    }

    protected async Task<CommerceTestCluster> StartAsync(TimeSpan paymentTimeout)
        => await CommerceCluster.StartAsync(await storage.NewDatabaseAsync(), b => b
            .WithConfiguration("Commerce:PaymentTimeout", paymentTimeout)
            .WithConfiguration("Commerce:PaymentRetryReminderAfter", paymentTimeout / 2));

    protected static async Task<IOrderGrain> PlaceOrderAsync(IGrainFactory grains, string customer)
    {
        await grains.GetGrain<ICustomerWalletGrain>(customer).Adjust("seed", 400, "test balance");
        var cart = await grains.CartWithAsync($"cart-{customer}", (Sku, 3));
        var result = await cart.Checkout(CommerceCluster.Checkout($"key-{customer}", customer, points: 200));
        Assert.Equal(3, (await grains.GetGrain<IInventoryGrain>(Sku).Get()).Reservations[result.OrderId]);
        return grains.GetGrain<IOrderGrain>(result.OrderId);
    }

    protected static async Task AssertReturnedOnceAsync(IGrainFactory grains, string orderId, string customer)
    {
        // Effects run after the expiry write: wait for the outbox to drain, then check exactly-once.
        await Eventually.WaitAsync(() => grains.GetGrain<ICustomerWalletGrain>(customer).Get(), w => w.Held == 0, "points released");
        var stock = await Eventually.WaitAsync(() => grains.GetGrain<IInventoryGrain>(Sku).Get(), s => !s.Reservations.ContainsKey(orderId), "stock released");
        Assert.Equal(100, stock.Available);
        Assert.Single(stock.Timeline, t => t.Event == "stock.released" && t.Detail.Contains(orderId));
        var wallet = await grains.GetGrain<ICustomerWalletGrain>(customer).Get();
        Assert.Equal(400, wallet.Balance);
        Assert.Single(wallet.Ledger, e => e.Kind == LedgerEntryKind.Release);
        Assert.Equal(wallet.Balance, wallet.Ledger.Sum(e => e.Points));
    }
}

public sealed class MemoryOrderExpiryTests() : OrderExpiryTests(StorageKind.Memory);

public sealed class PostgresOrderExpiryTests(PostgresDatabaseFixture database) : OrderExpiryTests(StorageKind.Postgres(database)), IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task An_unpaid_order_keeps_its_deadline_in_its_state_row_and_registers_no_reminder()
    {
        var connectionString = await database.CreateExtraDatabaseAsync();
        await using var cluster = await CommerceCluster.StartAsync(connectionString, b => b.WithConfiguration("Commerce:PaymentTimeout", TimeSpan.FromMinutes(30)));
        var order = await (await PlaceOrderAsync(cluster.Client, "row-1")).Get();

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var reminders = dataSource.CreateCommand("SELECT coalesce(string_agg(grain_id || '/' || reminder_name, ', '), 'none') FROM orleans_reminders WHERE grain_id LIKE 'order/%'");
        await using var wakeUp = dataSource.CreateCommand("SELECT wake_up_at FROM grain_storage WHERE grain_type = 'order' AND grain_key LIKE '%' || $1");
        wakeUp.Parameters.AddWithValue(order.OrderId);

        Assert.Equal("none", await reminders.ExecuteScalarAsync());
        // The write after the order's first effects is deferred to the crash fallback time it stored (EffectRetryDelay);
        // from then on the row holds the deadline.
        var stored = await Eventually.WaitAsync(
            async () => new DateTimeOffset((DateTime)(await wakeUp.ExecuteScalarAsync())!),
            at => at.UtcTicks / 10 == order.PaymentDueBy!.Value.UtcTicks / 10, // timestamptz keeps microseconds
            "the order's state row holding its payment deadline");
        Assert.Equal(order.PaymentDueBy!.Value.UtcTicks / 10, stored.UtcTicks / 10);
    }

    [Fact]
    public async Task Effects_done_are_written_with_the_orders_next_write_not_in_a_write_of_their_own()
    {
        var connectionString = await database.CreateExtraDatabaseAsync();
        // Nothing is written for the done effects before the next command: neither fallback comes due in this test.
        await using var cluster = await CommerceCluster.StartAsync(connectionString, b => b
            .WithConfiguration("Commerce:PaymentTimeout", TimeSpan.FromMinutes(30))
            .WithConfiguration("Commerce:EffectRetryDelay", TimeSpan.FromMinutes(5))
            .WithConfiguration("Commerce:DeferredWriteDelay", TimeSpan.FromMinutes(5)));
        var order = await PlaceOrderAsync(cluster.Client, "deferred-1");
        var placed = await order.Get();
        Assert.Empty((await order.GetEffects()).Owed);

        var paid = await order.ApplyPaymentEvent(new PaymentEvent("evt_paid", PaymentEventKind.Succeeded, "pi_deferred", placed.OrderId, placed.Total, DateTimeOffset.UtcNow));

        Assert.Equal(PaymentStatus.Paid, paid.Payment);
        Assert.Empty((await order.GetEffects()).Owed);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var version = dataSource.CreateCommand("SELECT version FROM grain_storage WHERE grain_type = 'order' AND grain_key LIKE '%' || $1");
        version.Parameters.AddWithValue(placed.OrderId);
        // Created, then paid (carrying the creation's done effects along); the payment's done effects wait for the next write.
        Assert.Equal(2L, await version.ExecuteScalarAsync());
    }

    [Fact]
    public async Task An_order_whose_deadline_passed_while_the_silo_was_down_expires_after_restart_once()
    {
        await using var cluster = await StartAsync(TimeSpan.FromSeconds(2));
        var order = await PlaceOrderAsync(cluster.Client, "down-1");
        var orderId = (await order.Get()).OrderId;
        var deadline = (await order.Get()).PaymentDueBy!.Value;

        await cluster.StopSiloAsync(cluster.Primary);
        var remaining = deadline - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(500);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining); // the silo stays down across the deadline: that is the case under test
        }

        await cluster.StartSiloAsync();
        var expired = await Eventually.WaitAsync(
            () => cluster.Client.GetGrain<IOrderGrain>(orderId).Get(), o => o.Payment == PaymentStatus.Expired, "the order to expire after restart");

        Assert.Single(expired.Timeline, t => t.Event == "order.expired");
        await AssertReturnedOnceAsync(cluster.Client, orderId, "down-1");
    }
}
