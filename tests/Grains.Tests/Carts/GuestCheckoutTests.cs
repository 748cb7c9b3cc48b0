using PacificEdge.Grains.Interfaces.Catalog;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Loyalty;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Tests.Support;
using PacificEdge.Testing;

namespace PacificEdge.Grains.Tests.Carts;

/// <summary>The cart and order grains apply the guest limits and the guest payment timeout (in-memory storage).</summary>
public sealed class GuestCheckoutTests
{
    private const string Sku = "PE-BPC157-5MG";
    private const string OtherSku = "PE-TB500-5MG";

    [Fact]
    public async Task A_guest_checkout_over_the_unit_limit_is_refused_and_holds_nothing()
    {
        await using var cluster = await CommerceCluster.StartAsync();
        var grains = cluster.Client;
        var cart = await grains.CartWithAsync("guest-big", (Sku, 99), (OtherSku, 1));

        var error = await Assert.ThrowsAsync<GuestLimitException>(() => cart.Checkout(CommerceCluster.Checkout("k1", "guest_big") with { Guest = true }));

        Assert.Contains("5 units", error.Message);
        var stock = await grains.GetGrain<IInventoryGrain>(Sku).Get();
        Assert.Equal(100, stock.Available);
        Assert.Empty(stock.Reservations);
        Assert.Empty((await grains.GetGrain<IInventoryGrain>(OtherSku).Get()).Reservations);
        var view = await cart.Get();
        Assert.Equal(100, view.ItemCount);
        Assert.DoesNotContain(view.Timeline, t => t.Event == "checkout.started");
    }

    [Fact]
    public async Task A_paid_guest_order_is_shipped_but_earns_no_points_for_a_wallet_nobody_can_use()
    {
        await using var cluster = await CommerceCluster.StartAsync();
        var cart = await cluster.Client.CartWithAsync("guest-paid", (Sku, 2));
        var placed = await cart.Checkout(CommerceCluster.Checkout("k1", "guest_paid") with { Guest = true });
        var order = cluster.Client.GetGrain<IOrderGrain>(placed.OrderId);

        await order.Pay("tok_visa");
        var done = await Eventually.WaitAsync(order.Get, o => o.Payment == PaymentStatus.Paid && o.ShipmentId is not null, "the paid guest order's effects");
        var effects = await Eventually.WaitAsync(order.GetEffects, e => e.Owed.Count == 0, "every effect done");

        Assert.Equal(0, done.PointsEarned);
        Assert.Empty(effects.DeadLettered);
        var wallet = await cluster.Client.GetGrain<ICustomerWalletGrain>("guest_paid").Get();
        Assert.Empty(wallet.Ledger);
        Assert.Equal(0, wallet.Balance);
    }

    [Fact]
    public async Task A_registered_customer_may_check_out_more_than_the_guest_limit()
    {
        await using var cluster = await CommerceCluster.StartAsync();
        var cart = await cluster.Client.CartWithAsync("customer-big", (Sku, 20));

        var result = await cart.Checkout(CommerceCluster.Checkout("k1", "cust-big"));

        Assert.Equal(20, (await cluster.Client.GetGrain<IInventoryGrain>(Sku).Get()).Reservations[result.OrderId]);
    }

    [Fact]
    public async Task A_guest_order_is_due_after_the_guest_timeout_and_a_customer_order_after_the_normal_one()
    {
        await using var cluster = await CommerceCluster.StartAsync(configure: b => b
            .WithConfiguration("Commerce:PaymentTimeout", TimeSpan.FromMinutes(60))
            .WithConfiguration("Commerce:GuestCheckout:PaymentTimeout", TimeSpan.FromMinutes(15)));
        var grains = cluster.Client;

        var guest = await (await grains.CartWithAsync("guest-small", (Sku, 2))).Checkout(CommerceCluster.Checkout("k1", "guest_small") with { Guest = true });
        var customer = await (await grains.CartWithAsync("customer-small", (Sku, 2))).Checkout(CommerceCluster.Checkout("k2", "cust-small"));

        var guestOrder = await grains.GetGrain<IOrderGrain>(guest.OrderId).Get();
        var customerOrder = await grains.GetGrain<IOrderGrain>(customer.OrderId).Get();
        Assert.Equal(guestOrder.CreatedAt + TimeSpan.FromMinutes(15), guestOrder.PaymentDueBy);
        Assert.Equal(customerOrder.CreatedAt + TimeSpan.FromMinutes(60), customerOrder.PaymentDueBy);
    }
}
