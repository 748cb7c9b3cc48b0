using Microsoft.Extensions.DependencyInjection;
using PacificEdge.Grains.Interfaces.Catalog;
using PacificEdge.Grains.Interfaces.Loyalty;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Tests.Support;
using PacificEdge.Testing;

namespace PacificEdge.Grains.Tests.Orders;

/// <summary>Effects written to the order's outbox survive the process dying before they are done.</summary>
public sealed class OutboxCrashTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Effects_owed_when_the_silo_crashes_are_finished_by_the_next_silo_exactly_once()
    {
        var publisher = new SwitchablePublisher { Failing = true };
        await using var cluster = await CommerceCluster.StartAsync(database.ConnectionString, b => b
            .ConfigureServices(s => s.AddSingleton<IOrderEventPublisher>(publisher)));
        var cart = await cluster.Client.CartWithAsync("crash-cart", ("PE-EPITAL-10MG", 2));
        var placed = await cart.Checkout(CommerceCluster.Checkout("k", "crash-buyer"));
        var order = cluster.Client.GetGrain<IOrderGrain>(placed.OrderId);
        await order.ApplyPaymentEvent(new PaymentEvent("evt_1", PaymentEventKind.Succeeded, "pi_1", placed.OrderId, placed.Total, DateTimeOffset.UtcNow));
        Assert.Empty(publisher.Published); // the status event is still owed

        await cluster.KillSiloAsync(cluster.Primary);
        publisher.Failing = false;
        await cluster.StartSiloAsync();

        await Eventually.WaitAsync(() => Task.FromResult(publisher.Published.ToList()), p => p.Any(e => e.Payment == PaymentStatus.Paid), "the owed status event");
        var stock = await cluster.Client.GetGrain<IInventoryGrain>("PE-EPITAL-10MG").Get();
        Assert.Equal(98, stock.OnHand);
        Assert.Single(stock.Timeline, t => t.Event == "stock.committed");
        var wallet = await cluster.Client.GetGrain<ICustomerWalletGrain>("crash-buyer").Get();
        Assert.Single(wallet.Ledger, e => e.Kind == LedgerEntryKind.Earn);
        // Status events coalesce to the latest (subscribers refetch on a version gap), so the owed event may already
        // carry the shipment's progress; what must hold is that every one says Paid and no version went out twice.
        var published = publisher.Published;
        Assert.All(published, e => Assert.Equal(PaymentStatus.Paid, e.Payment));
        Assert.Equal(published.Count, published.Select(e => e.Version).Distinct().Count());
    }

    private sealed class SwitchablePublisher : IOrderEventPublisher
    {
        private readonly List<OrderStatusChanged> _published = [];

        public volatile bool Failing;

        public IReadOnlyList<OrderStatusChanged> Published
        {
            get
            {
                lock (_published)
                {
                    return [.. _published];
                }
            }
        }

        public Task PublishAsync(OrderStatusChanged change, CancellationToken cancellationToken)
        {
            if (Failing)
            {
                throw new InvalidOperationException("event stream down");
            }

            lock (_published)
            {
                _published.Add(change);
            }

            return Task.CompletedTask;
        }
    }
}
