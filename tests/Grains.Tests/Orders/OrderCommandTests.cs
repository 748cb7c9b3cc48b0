using PacificEdge.Testing;
using PacificEdge.Grains.Interfaces.Catalog;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Loyalty;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Tests.Support;
using Orleans;

namespace PacificEdge.Grains.Tests.Orders;

public sealed class OrderCommandTests
{
    [Fact]
    public async Task Paying_commits_stock_earns_points_creates_the_shipment_and_publishes_each_change()
    {
        await using var cluster = await CommerceCluster.StartAsync();
        var events = new List<OrderStatusChanged>();
        using var subscription = cluster.Service<PacificEdge.Grains.Events.InProcessOrderEventBus>().Subscribe((e, _) =>
        {
            lock (events)
            {
                events.Add(e);
            }

            return Task.CompletedTask;
        });
        var order = await PaidOrderAsync(cluster.Client, "buyer-1");

        var view = await Eventually.WaitAsync(order.Get, o => o.PointsEarned > 0 && o.ShipmentId is not null, "paid-order effects");
        var stock = await cluster.Client.GetGrain<IInventoryGrain>("PE-GHKCU-50MG").Get();
        Assert.Equal(98, stock.OnHand);
        Assert.Equal(0, stock.Reserved);
        Assert.Equal(59, view.PointsEarned); // 2 x 29.95 = 59.90, rounded down
        await Eventually.WaitAsync(() => Task.FromResult(Snapshot(events)), e => e.Any(x => x.Payment == PaymentStatus.Paid), "the paid event");
        var mine = Snapshot(events).Where(e => e.OrderId == view.OrderId).ToList();
        Assert.Equal(mine.Select(e => e.Version).Order(), mine.Select(e => e.Version));
        Assert.Contains(mine, e => e.Event == "order.created" && e.Payment == PaymentStatus.Pending);
    }

    [Fact]
    public async Task A_partial_then_full_refund_claws_back_points_and_never_below_zero()
    {
        await using var cluster = await CommerceCluster.StartAsync();
        var order = await PaidOrderAsync(cluster.Client, "buyer-2");
        await Eventually.WaitAsync(order.Get, o => o.PointsEarned == 59, "points earned");
        var wallet = cluster.Client.GetGrain<ICustomerWalletGrain>("buyer-2");
        await wallet.Redeem("spend-1", 50, "gift card"); // spend most of the earned points first

        var partial = await order.Refund(new Money(29.95m, "USD"), "one vial damaged");
        Assert.Equal(PaymentStatus.PartiallyRefunded, partial.Payment);
        var full = await order.Refund(new Money(29.95m, "USD"), "customer returned the rest");
        Assert.Equal(PaymentStatus.Refunded, full.Payment);

        var after = await Eventually.WaitAsync(wallet.Get, w => w.Ledger.Count(e => e.Kind == LedgerEntryKind.Clawback) == 2, "both claw-backs");
        Assert.Equal(0, after.Balance);
        Assert.Equal(after.Balance, after.Ledger.Sum(e => e.Points));
        var clawbacks = after.Ledger.Where(e => e.Kind == LedgerEntryKind.Clawback).ToList();
        Assert.Equal(29 + 29, clawbacks.Sum(c => -c.Points + c.Shortfall));
        Assert.True(clawbacks.Sum(c => c.Shortfall) > 0);
        await Assert.ThrowsAsync<IllegalTransitionException>(() => order.Refund(new Money(1m, "USD"), "too much"));
    }

    [Fact]
    public async Task Cancel_before_shipping_voids_an_unpaid_order_and_returns_its_holds()
    {
        await using var cluster = await CommerceCluster.StartAsync();
        var cart = await cluster.Client.CartWithAsync("cancel", ("PE-DSIP-5MG", 4));
        var placed = await cart.Checkout(CommerceCluster.Checkout("k", "buyer-3"));
        var order = cluster.Client.GetGrain<IOrderGrain>(placed.OrderId);

        var cancelled = await order.Cancel("customer changed their mind");

        Assert.Equal(PaymentStatus.Voided, cancelled.Payment);
        Assert.Equal(FulfilmentStatus.Cancelled, cancelled.Fulfilment);
        await Eventually.WaitAsync(() => cluster.Client.GetGrain<IInventoryGrain>("PE-DSIP-5MG").Get(), s => s.Reserved == 0, "stock back");
        await Assert.ThrowsAsync<IllegalTransitionException>(() => order.Pay("tok_visa"));
    }

    [Fact]
    public async Task A_paid_order_cancelled_before_shipping_is_refunded_and_restocked_but_a_shipped_one_cannot_be_cancelled()
    {
        await using var cluster = await CommerceCluster.StartAsync();
        var order = await PaidOrderAsync(cluster.Client, "buyer-4");
        await Eventually.WaitAsync(order.Get, o => o.ShipmentId is not null, "shipment created");

        var cancelled = await order.Cancel("out of date lot");
        Assert.Equal(PaymentStatus.Refunded, cancelled.Payment);
        await Eventually.WaitAsync(() => cluster.Client.GetGrain<IInventoryGrain>("PE-GHKCU-50MG").Get(), s => s.OnHand == 100, "units restocked");

        var shipped = await PaidOrderAsync(cluster.Client, "buyer-5");
        var shipmentId = (await Eventually.WaitAsync(shipped.Get, o => o.ShipmentId is not null, "shipment")).ShipmentId!;
        await shipped.ApplyShipmentUpdate(new ShipmentUpdate("u1", shipmentId, ShipmentUpdateKind.Shipped, "ups", "1Z999", "https://track.example/1Z999"));
        await Assert.ThrowsAsync<IllegalTransitionException>(() => shipped.Cancel("too late"));
    }

    [Fact]
    public async Task Illegal_commands_are_rejected_with_a_clear_error()
    {
        await using var cluster = await CommerceCluster.StartAsync();
        var cart = await cluster.Client.CartWithAsync("illegal", ("PE-DSIP-5MG", 1));
        var placed = await cart.Checkout(CommerceCluster.Checkout("k", "buyer-6"));
        var order = cluster.Client.GetGrain<IOrderGrain>(placed.OrderId);

        var refund = await Assert.ThrowsAsync<IllegalTransitionException>(() => order.Refund(new Money(1m, "USD"), "not paid yet"));
        Assert.Contains("only paid orders", refund.Message);
        await Assert.ThrowsAsync<NotFoundException>(() => cluster.Client.GetGrain<IOrderGrain>("ord_missing").Get());
        await Assert.ThrowsAsync<ValidationException>(() => order.Cancel(""));
    }

    [Fact]
    public async Task A_referred_customers_first_paid_order_rewards_the_referrer_once()
    {
        await using var cluster = await CommerceCluster.StartAsync();
        await cluster.Client.GetGrain<ICustomerWalletGrain>("newbie").SetReferrer("ambassador");

        await PaidOrderAsync(cluster.Client, "newbie", "first");
        await PaidOrderAsync(cluster.Client, "newbie", "second");

        var referrer = await Eventually.WaitAsync(
            () => cluster.Client.GetGrain<ICustomerWalletGrain>("ambassador").Get(), w => w.Balance > 0, "the referral bonus");
        await Eventually.WaitAsync(() => cluster.Client.GetGrain<ICustomerWalletGrain>("newbie").Get(), w => w.Ledger.Count(e => e.Kind == LedgerEntryKind.Earn) == 2, "both orders earned");
        Assert.Single(referrer.Ledger);
        Assert.Equal(500, referrer.Balance);
    }

    [Fact]
    public async Task Every_paid_order_gets_its_own_confirmation_email()
    {
        await using var cluster = await CommerceCluster.StartAsync();
        var first = await PaidOrderAsync(cluster.Client, "mail-1");
        var second = await PaidOrderAsync(cluster.Client, "mail-2");
        var log = cluster.Service<PacificEdge.Grains.Integration.Email.IEmailLog>();

        var confirmations = await Eventually.WaitAsync(
            async () => (await log.ListAsync(100, null, default)).Where(e => e.Kind == PacificEdge.Grains.Integration.Email.NotificationKind.OrderConfirmation).ToList(),
            e => e.Count == 2,
            "two confirmations");

        var firstId = (await first.Get()).OrderId;
        var secondId = (await second.Get()).OrderId;
        Assert.Equal(2, confirmations.Select(c => c.Recipient).Distinct().Count());
        Assert.Contains(confirmations, c => c.Key.Contains(firstId));
        Assert.Contains(confirmations, c => c.Key.Contains(secondId));
    }

    internal static async Task<IOrderGrain> PaidOrderAsync(IGrainFactory grains, string customer, string suffix = "")
    {
        var cart = await grains.CartWithAsync($"cart-{customer}{suffix}", ("PE-GHKCU-50MG", 2));
        var placed = await cart.Checkout(CommerceCluster.Checkout($"key-{customer}{suffix}", customer));
        var order = grains.GetGrain<IOrderGrain>(placed.OrderId);
        await order.Pay("tok_visa");
        await Eventually.WaitAsync(order.Get, o => o.Payment == PaymentStatus.Paid, "payment");
        return order;
    }

    private static List<OrderStatusChanged> Snapshot(List<OrderStatusChanged> events)
    {
        lock (events)
        {
            return [.. events];
        }
    }
}
