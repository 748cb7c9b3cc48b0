using Microsoft.Extensions.DependencyInjection;
using PacificEdge.Grains.Interfaces.Carts;
using PacificEdge.Grains.Interfaces.Catalog;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Loyalty;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Tests.Support;
using PacificEdge.Testing;

namespace PacificEdge.Grains.Tests.Carts;

/// <summary>Checkout rules; run on in-memory storage and on PostgreSQL.</summary>
public abstract class CheckoutTests(StorageKind storage)
{
    private const string Sku = "PE-BPC157-5MG";
    private const string OtherSku = "PE-TB500-5MG";

    [Fact]
    public async Task A_hundred_concurrent_checkouts_for_the_last_ten_units_make_exactly_ten_orders()
    {
        await using var cluster = await CommerceCluster.StartAsync(await storage.NewDatabaseAsync());
        var grains = cluster.Client;
        await grains.SetStockAsync(Sku, 10);
        var carts = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => grains.CartWithAsync($"race-{i}", (Sku, 1))));

        var outcomes = await Task.WhenAll(carts.Select(async (cart, i) =>
        {
            try
            {
                return (Order: await cart.Checkout(CommerceCluster.Checkout($"race-key-{i}", $"racer-{i}")), Error: (Exception?)null);
            }
            catch (Exception ex)
            {
                return (Order: (CheckoutResult?)null, Error: ex);
            }
        }));

        var orders = outcomes.Where(o => o.Order is not null).Select(o => o.Order!.OrderId).ToList();
        Assert.Equal(10, orders.Distinct().Count());
        var failures = outcomes.Where(o => o.Error is not null).Select(o => o.Error!).ToList();
        Assert.Equal(90, failures.Count);
        Assert.All(failures, f => Assert.IsType<OutOfStockException>(f));
        Assert.All(failures, f => Assert.Contains(Sku, f.Message));
        var stock = await grains.GetGrain<IInventoryGrain>(Sku).Get();
        Assert.Equal(0, stock.Available);
        Assert.Equal(10, stock.Reserved);
        Assert.Equal(orders.Order(), stock.Reservations.Keys.Order());
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_order_also_concurrently()
    {
        await using var cluster = await CommerceCluster.StartAsync(await storage.NewDatabaseAsync());
        var cart = await cluster.Client.CartWithAsync("idem", (Sku, 2));

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => cart.Checkout(CommerceCluster.Checkout("key-1"))));
        var later = await cart.Checkout(CommerceCluster.Checkout("key-1"));

        Assert.Single(concurrent.Select(r => r.OrderId).Append(later.OrderId).Distinct());
        Assert.Equal(19, concurrent.Count(r => r.Replayed));
        Assert.True(later.Replayed);
        Assert.Equal(2, (await cluster.Client.GetGrain<IInventoryGrain>(Sku).Get()).Reserved);
        Assert.Empty((await cart.Get()).Lines);
    }

    [Fact]
    public async Task A_checkout_retried_after_its_order_was_created_finishes_without_reserving_again()
    {
        var fault = new FailAfterOrderCreated();
        await using var cluster = await CommerceCluster.StartAsync(
            await storage.NewDatabaseAsync(), b => b.ConfigureServices(s => s.AddSingleton<IOutgoingGrainCallFilter>(fault)));
        var inventory = cluster.Client.GetGrain<IInventoryGrain>(Sku);
        var cart = await cluster.Client.CartWithAsync("retry", (Sku, 2));

        await Assert.ThrowsAsync<InvalidOperationException>(() => cart.Checkout(CommerceCluster.Checkout("key-r")));
        // The order exists and sells its stock (as its payment would) before the shopper retries.
        var orderId = Assert.Single((await inventory.Get()).Reservations).Key;
        await inventory.Commit(orderId);
        var retried = await cart.Checkout(CommerceCluster.Checkout("key-r"));

        Assert.Equal(orderId, retried.OrderId);
        Assert.Equal(0, (await inventory.Get()).Reserved);
        Assert.Empty((await cart.Get()).Lines);
    }

    [Fact]
    public async Task A_failure_part_way_leaves_no_stock_or_points_held()
    {
        await using var cluster = await CommerceCluster.StartAsync(await storage.NewDatabaseAsync());
        var grains = cluster.Client;
        await grains.SetStockAsync(OtherSku, 1);
        await grains.GetGrain<ICustomerWalletGrain>("saver").Adjust("seed", 1000, "test balance");
        var cart = await grains.CartWithAsync("partial", (Sku, 1), (OtherSku, 2));

        // Both SKUs reserve in SKU order: the first succeeds, the second is short.
        await Assert.ThrowsAsync<OutOfStockException>(() => cart.Checkout(CommerceCluster.Checkout("k", "saver", points: 300)));
        // Enough stock but too many points: the stock reserved first must come back.
        await grains.GetGrain<ICartGrain>("partial").ChangeQuantity(OtherSku, 1);
        await Assert.ThrowsAsync<InsufficientPointsException>(() => cart.Checkout(CommerceCluster.Checkout("k2", "saver", points: 5000)));

        Assert.Equal(0, (await grains.GetGrain<IInventoryGrain>(Sku).Get()).Reserved);
        Assert.Equal(0, (await grains.GetGrain<IInventoryGrain>(OtherSku).Get()).Reserved);
        var wallet = await grains.GetGrain<ICustomerWalletGrain>("saver").Get();
        Assert.Equal(1000, wallet.Balance);
        Assert.Equal(0, wallet.Held);
        Assert.Equal(2, (await cart.Get()).Lines.Count);
    }

    [Fact]
    public async Task Checkout_holds_redeemed_points_and_prices_the_discount()
    {
        await using var cluster = await CommerceCluster.StartAsync(await storage.NewDatabaseAsync());
        var grains = cluster.Client;
        await grains.GetGrain<ICustomerWalletGrain>("spender").Adjust("seed", 1000, "test balance");
        var cart = await grains.CartWithAsync("points", (Sku, 2));

        var result = await cart.Checkout(CommerceCluster.Checkout("k", "spender", points: 500));

        Assert.Equal(new Money(5.00m, "USD"), result.Discount);
        Assert.Equal(new Money(74.90m, "USD"), result.Total);
        var wallet = await grains.GetGrain<ICustomerWalletGrain>("spender").Get();
        Assert.Equal(500, wallet.Held);
        Assert.Equal(500, wallet.Balance);
        var order = await grains.GetGrain<IOrderGrain>(result.OrderId).Get();
        Assert.Equal(PaymentStatus.Pending, order.Payment);
        Assert.Equal(500, order.PointsRedeemed);
    }
}

public sealed class MemoryCheckoutTests() : CheckoutTests(StorageKind.Memory);

public sealed class PostgresCheckoutTests(PostgresDatabaseFixture database) : CheckoutTests(StorageKind.Postgres(database)), IClassFixture<PostgresDatabaseFixture>;

/// <summary>Fails the first order creation after it happened, as a crash of the cart's turn would.</summary>
internal sealed class FailAfterOrderCreated : IOutgoingGrainCallFilter
{
    private int _failed;

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        await context.Invoke();
        if (context.InterfaceMethod?.Name == nameof(IOrderGrain.Create) && Interlocked.Exchange(ref _failed, 1) == 0)
        {
            throw new InvalidOperationException("Injected failure after the order was created.");
        }
    }
}
