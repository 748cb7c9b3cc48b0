using System.Net;
using PacificEdge.Grains.Integration.Shipping;
using PacificEdge.Grains.Interfaces.Shipping;
using WireMock.RequestBuilders;
using Request = WireMock.RequestBuilders.Request;
using WireMock.ResponseBuilders;

namespace PacificEdge.Grains.Tests.Integration.Shipping;

/// <summary>The typed client, its resilience handler and the rate-limit handler over real HTTP against a fake ShipStation.</summary>
public sealed class ShipStationLiveClientTests : IDisposable
{
    private const string CreateOrderPath = FakeShipStation.CreateOrdersPath;
    private const string Scenario = "platform";
    private const string Recovered = "recovered";
    private static readonly string CreatedJson = FakeShipStation.CreateOrdersAnswer(("shp_ord_1", 123456, null), ("shp_ord_2", 123457, null));

    private readonly FakeShipStation fake = new();

    public void Dispose() => fake.Dispose();

    [Fact]
    public async Task Sends_basic_auth_from_the_configured_key_and_secret()
    {
        fake.Server.Given(Request.Create().WithPath(CreateOrderPath).UsingPost().WithHeader("Authorization", FakeShipStation.BasicAuthorization))
            .RespondWith(Created());
        fake.Server.Given(Request.Create().WithPath(CreateOrderPath).UsingPost()).AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(401));

        var platformOrderId = await fake.CreateClient().CreateOrderAsync(ShippingHarness.Order(), default);

        Assert.Equal("123456", platformOrderId);
        var entry = Assert.Single(fake.Server.LogEntries);
        Assert.Equal(FakeShipStation.BasicAuthorization, entry.RequestMessage.Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task Sends_one_createorders_request_for_many_orders_and_maps_each_result()
    {
        fake.Server.Given(Request.Create().WithPath(CreateOrderPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200)
            .WithHeader("Content-Type", "application/json")
            .WithBody(FakeShipStation.CreateOrdersAnswer(("shp_a", 501, null), ("shp_b", 0, "The address is not valid."))));
        var orders = new[] { ShippingHarness.Order("shp_a", "ord_a"), ShippingHarness.Order("shp_b", "ord_b"), ShippingHarness.Order("shp_c", "ord_c") };

        var results = await fake.CreateClient().CreateOrdersAsync(orders, default);

        var body = System.Text.Json.JsonDocument.Parse(Assert.Single(fake.Bodies(CreateOrderPath))).RootElement;
        Assert.Equal(["shp_a", "shp_b", "shp_c"], body.EnumerateArray().Select(o => o.GetProperty("orderKey").GetString()));
        Assert.Equal(["shp_a", "shp_b", "shp_c"], results.Select(r => r.OrderKey));
        Assert.Equal("501", results[0].PlatformOrderId);
        Assert.Equal(ShippingOrderResult.Failed("shp_b", "The address is not valid.", retryable: false), results[1]);

        // Left out of the answer: not refused, so worth sending again.
        Assert.False(results[2].Succeeded);
        Assert.True(results[2].Retryable);
    }

    [Fact]
    public async Task An_invalid_order_fails_alone_without_being_sent()
    {
        fake.Server.Given(Request.Create().WithPath(CreateOrderPath).UsingPost()).RespondWith(Created());
        var empty = ShippingHarness.Order("shp_ord_2") with { Items = [] };

        var results = await fake.CreateClient().CreateOrdersAsync([ShippingHarness.Order(), empty], default);

        Assert.Equal("123456", results[0].PlatformOrderId);
        Assert.False(results[1].Succeeded);
        Assert.False(results[1].Retryable);
        Assert.Single(System.Text.Json.JsonDocument.Parse(Assert.Single(fake.Bodies(CreateOrderPath))).RootElement.EnumerateArray());
    }

    [Fact]
    public async Task A_server_error_is_retried()
    {
        fake.Server.Given(Request.Create().WithPath(CreateOrderPath).UsingPost()).InScenario(Scenario).WillSetStateTo(Recovered)
            .RespondWith(Response.Create().WithStatusCode(500));
        fake.Server.Given(Request.Create().WithPath(CreateOrderPath).UsingPost()).InScenario(Scenario).WhenStateIs(Recovered)
            .RespondWith(Created());

        var platformOrderId = await fake.CreateClient().CreateOrderAsync(ShippingHarness.Order(), default);

        Assert.Equal("123456", platformOrderId);
        Assert.Equal(2, fake.Requests(CreateOrderPath));
    }

    [Fact]
    public async Task A_429_with_a_retry_after_within_the_cap_is_waited_out_and_retried()
    {
        fake.Server.Given(Request.Create().WithPath(CreateOrderPath).UsingPost()).InScenario(Scenario).WillSetStateTo(Recovered)
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1"));
        fake.Server.Given(Request.Create().WithPath(CreateOrderPath).UsingPost()).InScenario(Scenario).WhenStateIs(Recovered)
            .RespondWith(Created());
        var client = fake.CreateClient(o => o.RetryAfterCap = TimeSpan.FromSeconds(2));

        var create = client.CreateOrderAsync(ShippingHarness.Order(), default);
        await fake.Time.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(1));

        Assert.False(create.IsCompleted);
        Assert.Equal(1, fake.Requests(CreateOrderPath));
        fake.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("123456", await create);
        Assert.Equal(2, fake.Requests(CreateOrderPath));

        // Expected flow: quiet.
        Assert.DoesNotContain(fake.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Fact]
    public async Task A_429_with_a_retry_after_beyond_the_cap_goes_back_to_the_caller()
    {
        fake.Server.Given(Request.Create().WithPath(CreateOrderPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "120"));
        var client = fake.CreateClient(o => o.RetryAfterCap = TimeSpan.FromSeconds(2));

        var limited = await Assert.ThrowsAsync<ShippingRateLimitedException>(() => client.CreateOrderAsync(ShippingHarness.Order(), default));

        Assert.Equal(TimeSpan.FromSeconds(120), limited.RetryAfter);
        Assert.True(ShippingResilience.IsTransient(limited));
        Assert.Equal(1, fake.Requests(CreateOrderPath));
        Assert.DoesNotContain(fake.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Fact]
    public async Task No_remaining_requests_make_the_next_call_wait_for_a_near_reset()
    {
        fake.Server.Given(Request.Create().WithPath(CreateOrderPath).UsingPost()).InScenario(Scenario).WillSetStateTo(Recovered)
            .RespondWith(Created().WithHeader("X-Rate-Limit-Remaining", "0").WithHeader("X-Rate-Limit-Reset", "1"));
        fake.Server.Given(Request.Create().WithPath(CreateOrderPath).UsingPost()).InScenario(Scenario).WhenStateIs(Recovered)
            .RespondWith(Created());
        var client = fake.CreateClient(o => o.RetryAfterCap = TimeSpan.FromSeconds(2));
        await client.CreateOrderAsync(ShippingHarness.Order(), default);

        var next = client.CreateOrderAsync(ShippingHarness.Order("shp_ord_2"), default);
        await fake.Time.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(1));

        Assert.False(next.IsCompleted);
        Assert.Equal(1, fake.Requests(CreateOrderPath));
        fake.Time.Advance(TimeSpan.FromSeconds(1));
        await next;
        Assert.Equal(2, fake.Requests(CreateOrderPath));
    }

    [Fact]
    public async Task No_remaining_requests_with_a_far_reset_fail_the_next_call_without_sending_it()
    {
        fake.Server.Given(Request.Create().WithPath(CreateOrderPath).UsingPost())
            .RespondWith(Created().WithHeader("X-Rate-Limit-Remaining", "0").WithHeader("X-Rate-Limit-Reset", "30"));
        var client = fake.CreateClient(o => o.RetryAfterCap = TimeSpan.FromSeconds(2));
        await client.CreateOrderAsync(ShippingHarness.Order(), default);

        var limited = await Assert.ThrowsAsync<ShippingRateLimitedException>(() => client.CreateOrderAsync(ShippingHarness.Order("shp_ord_2"), default));

        Assert.Equal(TimeSpan.FromSeconds(30), limited.RetryAfter);
        Assert.Equal(1, fake.Requests(CreateOrderPath));
        fake.Time.Advance(TimeSpan.FromSeconds(30));
        await client.CreateOrderAsync(ShippingHarness.Order("shp_ord_2"), default);
        Assert.Equal(2, fake.Requests(CreateOrderPath));
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_rejects_without_calling_the_platform()
    {
        fake.Server.Given(Request.Create().WithPath(CreateOrderPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(503));
        var client = fake.CreateClient(o =>
        {
            o.RetryMaxAttempts = 0;
            o.BreakerMinimumThroughput = 3;
            o.BreakerFailureRatio = 0.5;
        });
        for (var i = 0; i < 3; i++)
        {
            var failure = await Assert.ThrowsAsync<ShippingPlatformException>(() => client.CreateOrderAsync(ShippingHarness.Order(), default));
            Assert.True(failure.Transient);
        }

        var rejected = await Assert.ThrowsAsync<ShippingPlatformException>(() => client.CreateOrderAsync(ShippingHarness.Order(), default));

        Assert.True(rejected.Transient);
        Assert.IsAssignableFrom<Polly.CircuitBreaker.BrokenCircuitException>(rejected.InnerException);
        Assert.Equal(3, fake.Requests(CreateOrderPath));
    }

    [Fact]
    public async Task A_thin_webhooks_resource_url_is_fetched_back_with_credentials()
    {
        fake.Server.Given(Request.Create().WithPath("/shipments").WithParam("batchId", "42").UsingGet().WithHeader("Authorization", FakeShipStation.BasicAuthorization))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(
                """{"shipments":[{"shipmentId":777,"orderId":123456,"orderKey":"shp_ord_1","orderNumber":"ord_1","carrierCode":"ups","serviceCode":"ups_ground","trackingNumber":"1Z999","shipDate":"2026-03-02","voided":false}],"total":1,"page":1,"pages":1}"""));
        var client = fake.CreateClient();
        var webhook = new ShipNotifyWebhook(new Uri(fake.BaseUrl, "/shipments?batchId=42"), ShipNotifyWebhook.ShipNotify);

        var notices = await client.FetchNoticesAsync(webhook.ResourceUrl, default);

        var notice = Assert.Single(notices);
        Assert.Equal("shp_ord_1", notice.ShipmentId);
        Assert.Equal(CarrierEventKind.Shipped, notice.Event.Kind);
        Assert.Equal("1Z999", notice.Event.TrackingNumber);
        Assert.Equal(1, fake.Requests("/shipments"));
    }

    [Fact]
    public async Task A_resource_url_off_the_platforms_host_is_refused_without_a_request()
    {
        var client = fake.CreateClient();

        var error = await Assert.ThrowsAsync<ShippingPlatformException>(() => client.FetchNoticesAsync(new Uri("http://127.0.0.2:9/shipments?batchId=42"), default));

        Assert.False(error.Transient);
        Assert.Empty(fake.Server.LogEntries);
    }

    private static IResponseBuilder Created()
        => Response.Create().WithStatusCode(HttpStatusCode.OK).WithHeader("Content-Type", "application/json").WithBody(CreatedJson);
}
