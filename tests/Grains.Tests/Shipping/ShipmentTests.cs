using PacificEdge.Grains.Integration.Email;
using PacificEdge.Grains.Integration.Shipping;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Interfaces.Shipping;
using PacificEdge.Grains.Tests.Orders;
using PacificEdge.Grains.Tests.Support;
using Orleans;
using PacificEdge.Simulators.Shipping;
using PacificEdge.Testing;

namespace PacificEdge.Grains.Tests.Shipping;

public abstract class ShipmentTests(StorageKind storage)
{
    [Fact]
    public async Task A_push_that_fails_three_times_then_succeeds_leaves_one_shipment_at_the_platform()
    {
        // One request per attempt, so the failures are retried across attempts by the reminder backoff.
        await using var cluster = await CommerceCluster.StartAsync(await storage.NewDatabaseAsync(), b => b
            .WithConfiguration("Commerce:Shipping:RetryMaxAttempts", "0"));
        var simulator = cluster.Service<ShipStationSimulator>();
        simulator.FailNextRequests(3);

        var order = await OrderCommandTests.PaidOrderAsync(cluster.Client, "ship-1");
        var shipmentId = (await Eventually.WaitAsync(order.Get, o => o.ShipmentId is not null, "the shipment")).ShipmentId!;
        var shipment = await Eventually.WaitAsync(
            () => cluster.Client.GetGrain<IShipmentGrain>(shipmentId).Get(), s => s.Status == ShipmentStatus.Pushed, "the push to succeed");

        Assert.Equal(3, simulator.InjectedFailures);
        Assert.Equal(1, simulator.OrdersCreated);
        Assert.Equal(4, shipment.PushAttempts);
        Assert.Equal(3, shipment.Timeline.Count(t => t.Event == "shipment.push_failed"));
        Assert.NotNull(simulator.FindOrder(shipmentId));
        await Eventually.WaitAsync(order.Get, o => o.Fulfilment == FulfilmentStatus.InProgress, "fulfilment in progress");
    }

    [Fact]
    public async Task Carrier_events_move_the_order_to_shipped_then_delivered_and_a_repeat_changes_nothing()
    {
        await using var cluster = await CommerceCluster.StartAsync(await storage.NewDatabaseAsync());
        var simulator = cluster.Service<ShipStationSimulator>();
        var platform = cluster.Service<IShippingPlatform>();
        var order = await OrderCommandTests.PaidOrderAsync(cluster.Client, "ship-2");
        var shipmentId = (await Eventually.WaitAsync(order.Get, o => o.ShipmentId is not null, "the shipment")).ShipmentId!;
        await Eventually.WaitAsync(() => cluster.Client.GetGrain<IShipmentGrain>(shipmentId).Get(), s => s.Status == ShipmentStatus.Pushed, "pushed");

        await DeliverNoticesAsync(cluster.Client, platform, simulator.MarkShipped(shipmentId, "ups", "1Z999AA10123456784"));
        var shipped = await Eventually.WaitAsync(order.Get, o => o.Fulfilment == FulfilmentStatus.Shipped, "shipped");
        Assert.Equal("1Z999AA10123456784", shipped.TrackingNumber);
        Assert.Equal("ups", shipped.Carrier);
        Assert.NotNull(shipped.TrackingUrl);

        var delivered = simulator.MarkDelivered(shipmentId);
        await DeliverNoticesAsync(cluster.Client, platform, delivered);
        await DeliverNoticesAsync(cluster.Client, platform, delivered);
        var done = await Eventually.WaitAsync(order.Get, o => o.Fulfilment == FulfilmentStatus.Delivered, "delivered");

        Assert.Single(done.Timeline, t => t.Event == "fulfilment.delivered");
        var log = cluster.Service<IEmailLog>();
        var shippingEmails = await Eventually.WaitAsync(
            async () => (await log.ListAsync(100, null, default)).Where(e => e.Kind == NotificationKind.ShippingConfirmation).ToList(),
            e => e.Count > 0,
            "the shipping confirmation");
        Assert.Single(shippingEmails);
    }

    /// <summary>What the shipping webhook endpoint does with a thin notification: fetch it, route each notice.</summary>
    private static async Task DeliverNoticesAsync(IGrainFactory grains, IShippingPlatform platform, ShipNotifyWebhook webhook)
    {
        foreach (var notice in await platform.FetchNoticesAsync(webhook.ResourceUrl, default))
        {
            await grains.GetGrain<IShipmentGrain>(notice.ShipmentId).ApplyCarrierEvent(notice.Event);
        }
    }
}

public sealed class MemoryShipmentTests() : ShipmentTests(StorageKind.Memory);

public sealed class PostgresShipmentTests(PostgresDatabaseFixture database) : ShipmentTests(StorageKind.Postgres(database)), IClassFixture<PostgresDatabaseFixture>;
