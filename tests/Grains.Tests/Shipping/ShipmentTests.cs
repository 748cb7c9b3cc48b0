using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PacificEdge.Grains.Integration.Email;
using PacificEdge.Grains.Integration.Shipping;
using PacificEdge.Grains.Interfaces.Common;
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
        Assert.Equal(1, simulator.CreateOrdersRequests);
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

    [Fact]
    public async Task Shipments_created_at_once_reach_the_platform_in_full_batches()
    {
        await using var cluster = await CommerceCluster.StartAsync(await storage.NewDatabaseAsync(), b => BatchTest(b)

            // The burst must land within one linger to make full batches; generous, so a busy machine cannot split it.
            .WithConfiguration("Commerce:Shipping:BatchLinger", TimeSpan.FromSeconds(5)));
        var simulator = cluster.Service<ShipStationSimulator>();

        var shipments = await CreateShipmentsAsync(cluster.Client, "burst", 250);
        var pushed = await AllPushedAsync(shipments);

        Assert.Equal(3, simulator.CreateOrdersRequests); // the fewest 250 orders fit in
        Assert.Equal(100, simulator.LargestBatch);
        Assert.Equal(250, simulator.OrdersCreated);
        Assert.Equal(0, simulator.RateLimitedResponses);
        Assert.All(pushed, s => Assert.Equal(1, s.PushAttempts));
        Assert.All(pushed, s => Assert.DoesNotContain(s.Timeline, t => t.Event == "shipment.push_failed"));
    }

    [Fact]
    public async Task More_orders_than_the_platform_limit_allows_at_once_are_all_pushed_without_a_429_or_a_warning()
    {
        var logs = new LogCapture();
        await using var cluster = await StartLimitedAsync(logs, requests: 2, TimeSpan.FromSeconds(2), batchSize: 10);
        var simulator = cluster.Service<ShipStationSimulator>();

        var shipments = await CreateShipmentsAsync(cluster.Client, "limited", 45);
        var pushed = await AllPushedAsync(shipments);

        // At least five requests at two per window: the batcher waited for the platform's window, and nobody heard of it.
        Assert.True(simulator.CreateOrdersRequests >= 5, $"{simulator.CreateOrdersRequests} requests");
        Assert.Equal(0, simulator.RateLimitedResponses);
        Assert.All(pushed, s => Assert.Equal(1, s.PushAttempts));
        Assert.All(pushed, s => Assert.Single(s.Timeline, t => t.Event.StartsWith("shipment.push", StringComparison.Ordinal)));
        Assert.Empty(logs.Entries.Where(r => r.Level >= LogLevel.Warning && IsAboutPushing(r)));
    }

    [Fact]
    public async Task A_429_for_a_window_spent_elsewhere_defers_the_batch_quietly_and_a_later_batch_pushes_it()
    {
        var logs = new LogCapture();
        await using var cluster = await StartLimitedAsync(logs, requests: 2, TimeSpan.FromSeconds(5), batchSize: 10);
        var simulator = cluster.Service<ShipStationSimulator>();

        // Another user of the API key spends the window; the batcher cannot know until the platform answers 429.
        using (var other = new HttpClient(simulator, disposeHandler: false))
        {
            other.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(":")));
            for (var i = 0; i < 2; i++)
            {
                (await other.GetAsync(new Uri("https://ssapi.shipstation.com/shipments?batchId=1"))).EnsureSuccessStatusCode();
            }
        }

        var shipments = await CreateShipmentsAsync(cluster.Client, "spent", 3);
        var pushed = await AllPushedAsync(shipments);

        Assert.Equal(1, simulator.RateLimitedResponses);
        Assert.Equal(1, simulator.CreateOrdersRequests);
        Assert.All(pushed, s => Assert.Equal(1, s.PushAttempts));
        Assert.All(pushed, s => Assert.Single(s.Timeline, t => t.Event.StartsWith("shipment.push", StringComparison.Ordinal)));
        Assert.Contains(logs.Entries, r => r.Message.Contains("deferred by the platform's rate limit", StringComparison.Ordinal));
        Assert.Empty(logs.Entries.Where(r => r.Level >= LogLevel.Warning && IsAboutPushing(r)));
    }

    [Fact]
    public async Task An_order_the_platform_refuses_in_a_batch_is_pushed_by_a_later_batch()
    {
        await using var cluster = await CommerceCluster.StartAsync(await storage.NewDatabaseAsync(), b => BatchTest(b));
        var simulator = cluster.Service<ShipStationSimulator>();
        simulator.RejectNextOrders(1);

        var shipment = Assert.Single(await CreateShipmentsAsync(cluster.Client, "refused", 1));
        var pushed = await Eventually.WaitAsync(shipment.Get, s => s.Status == ShipmentStatus.Pushed, "the push to succeed");

        Assert.Equal(2, simulator.CreateOrdersRequests);
        Assert.Equal(2, pushed.PushAttempts);
        var failed = Assert.Single(pushed.Timeline, t => t.Event == "shipment.push_failed");
        Assert.Contains("rejected", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shipment_the_batcher_cannot_take_yet_offers_its_order_again_and_is_pushed()
    {
        var logs = new LogCapture();
        await using var cluster = await StartLimitedAsync(logs, requests: 1, TimeSpan.FromSeconds(5), batchSize: 1, b => b
            .WithConfiguration("Commerce:Shipping:BatchBacklogLimit", 1)
            .WithConfiguration("Commerce:Shipping:HandOffTimeout", TimeSpan.FromSeconds(1)));
        var simulator = cluster.Service<ShipStationSimulator>();

        // One at a time: the first is sent, the second waits for the next window and fills the backlog.
        var shipments = new List<IShipmentGrain>();
        for (var i = 0; i < 3; i++)
        {
            shipments.AddRange(await CreateShipmentsAsync(cluster.Client, $"backlog{i}", 1));
        }

        var pushed = await AllPushedAsync(shipments);

        Assert.Contains(logs.Entries, r => r.Message.Contains("backlog is full", StringComparison.Ordinal));
        Assert.Equal(3, simulator.CreateOrdersRequests);
        Assert.Equal(0, simulator.RateLimitedResponses);
        Assert.All(pushed, s => Assert.Equal(1, s.PushAttempts));
        Assert.Empty(logs.Entries.Where(r => r.Level >= LogLevel.Warning && IsAboutPushing(r)));
    }

    // A platform allowing `requests` per `window`, with the silo's logs captured.
    private async Task<CommerceTestCluster> StartLimitedAsync(
        LogCapture logs, int requests, TimeSpan window, int batchSize, Func<CommerceClusterBuilder, CommerceClusterBuilder>? more = null)
        => await CommerceCluster.StartAsync(await storage.NewDatabaseAsync(), b => (more ?? (x => x))(BatchTest(b)
            .WithConfiguration("Commerce:Shipping:RequestsPerMinute", requests)
            .WithConfiguration("Commerce:Shipping:RateLimitWindow", window)
            .WithConfiguration("Commerce:Shipping:BatchSize", batchSize)
            .ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs))));

    private static Task<ShipmentView[]> AllPushedAsync(IEnumerable<IShipmentGrain> shipments)
        => Eventually.WaitAsync(
            () => Task.WhenAll(shipments.Select(s => s.Get())), all => all.All(s => s.Status == ShipmentStatus.Pushed), "every shipment pushed", TimeSpan.FromMinutes(1));

    // Shipments created directly belong to no order, so telling "their" order fails: retried rarely, to keep the noise down.
    private static CommerceClusterBuilder BatchTest(CommerceClusterBuilder builder)
        => builder.WithConfiguration("Commerce:EffectRetryDelay", TimeSpan.FromMinutes(5));

    private static async Task<IReadOnlyList<IShipmentGrain>> CreateShipmentsAsync(IGrainFactory grains, string prefix, int count)
    {
        var shipments = Enumerable.Range(0, count).Select(i =>
        {
            var orderId = $"{prefix}-{i}";
            var shipment = grains.GetGrain<IShipmentGrain>(Ids.ShipmentIdFor(orderId));
            return (shipment, Create: shipment.Create(new ShipmentRequest(orderId, "shopper@example.test", CommerceCluster.ShipTo, [new ShipmentItem("PE-GHKCU-50MG", "Vial", 1)])));
        }).ToList();
        await Task.WhenAll(shipments.Select(s => s.Create));
        return [.. shipments.Select(s => s.shipment)];
    }

    // The push path's own logs: the batcher, the client and its handlers, Polly, and the shipment's push messages
    // (not its news for an order that, here, does not exist).
    private static bool IsAboutPushing(LogCapture.LogEntry record)
        => record.Category.StartsWith("PacificEdge.Grains.Integration.Shipping", StringComparison.Ordinal)
           || record.Category.StartsWith("Polly", StringComparison.Ordinal)
           || record.Category == typeof(PacificEdge.Grains.Shipping.ShipmentPushGrain).FullName
           || (record.Category == typeof(PacificEdge.Grains.Shipping.ShipmentGrain).FullName && record.Message.Contains("push", StringComparison.OrdinalIgnoreCase));

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

public sealed class PostgresShipmentTests(PostgresDatabaseFixture database) : ShipmentTests(StorageKind.Postgres(database)), IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task A_pushed_shipment_tells_its_order_before_its_one_write_after_creation()
    {
        var connectionString = await database.CreateExtraDatabaseAsync();
        await using var cluster = await CommerceCluster.StartAsync(connectionString);
        var order = await OrderCommandTests.PaidOrderAsync(cluster.Client, "ship-writes");
        var shipmentId = (await Eventually.WaitAsync(order.Get, o => o.ShipmentId is not null, "the shipment")).ShipmentId!;

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var row = dataSource.CreateCommand(
            "SELECT version, payload->>'status', jsonb_array_length(payload->'orderUpdates') FROM grain_storage WHERE grain_type = 'shipment' AND grain_key LIKE '%' || $1");
        row.Parameters.AddWithValue(shipmentId);
        var pushed = await Eventually.WaitAsync(async () =>
        {
            await using var reader = await row.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (Version: reader.GetInt64(0), Status: reader.GetString(1), PendingUpdates: reader.GetInt32(2));
        }, r => r.Status == nameof(ShipmentStatus.Pushed), "the stored shipment pushed");

        // The first stored "pushed" is the second write and owes the order nothing: it was told before that write.
        Assert.Equal((2L, 0), (pushed.Version, pushed.PendingUpdates));
        Assert.Equal(FulfilmentStatus.InProgress, (await order.Get()).Fulfilment);
    }
}
