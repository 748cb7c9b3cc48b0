using PacificEdge.Grains.Integration.Shipping;
using PacificEdge.Grains.Interfaces.Shipping;

namespace PacificEdge.Grains.Tests.Integration.Shipping;

public sealed class ShipStationClientTests
{
    [Fact]
    public async Task Creates_the_order_at_the_platform_and_returns_its_id()
    {
        using var shipping = new ShippingHarness();

        var platformOrderId = await shipping.Client.CreateOrderAsync(ShippingHarness.Order(), default);

        var order = Assert.Single(shipping.Simulator.Orders);
        Assert.Equal(order.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture), platformOrderId);
        Assert.Equal("shp_ord_1", order.OrderKey);
        Assert.Equal("ord_1", order.OrderNumber);
        Assert.Equal("awaiting_shipment", order.Status);
        Assert.Equal("shopper@example.com", order.CustomerEmail);
        Assert.Equal([new ShipmentItem("COA-100", "Magnesium glycinate", 2), new ShipmentItem("COA-200", "Vitamin D3", 1)], order.Items);
    }

    [Fact]
    public async Task The_same_order_key_is_one_order_at_the_platform()
    {
        using var shipping = new ShippingHarness();

        var first = await shipping.Client.CreateOrderAsync(ShippingHarness.Order(), default);
        var second = await shipping.Client.CreateOrderAsync(ShippingHarness.Order(), default);
        var other = await shipping.Client.CreateOrderAsync(ShippingHarness.Order("shp_ord_2", "ord_2"), default);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Equal(2, shipping.Simulator.OrdersCreated);
        Assert.Equal(3, shipping.Simulator.CreateOrdersRequests);
    }

    [Fact]
    public async Task Wrong_credentials_are_a_permanent_failure()
    {
        using var shipping = new ShippingHarness();
        var client = shipping.CreateClient(o => o.ApiSecret = "wrong");

        var error = await Assert.ThrowsAsync<ShippingPlatformException>(() => client.CreateOrderAsync(ShippingHarness.Order(), default));

        Assert.False(error.Transient);
        Assert.Contains("credentials", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, shipping.Simulator.OrdersCreated);
    }

    [Fact]
    public async Task A_platform_rate_limit_reports_its_retry_after_and_lifts_when_the_window_ends()
    {
        // Two processes share one API key: this client's own limiter cannot see the other's requests.
        using var shipping = new ShippingHarness(platform: o => o.RequestsPerMinute = 2);
        var other = shipping.CreateClient();
        await other.CreateOrderAsync(ShippingHarness.Order("shp_a"), default);
        shipping.Time.Advance(TimeSpan.FromSeconds(15));
        await other.CreateOrderAsync(ShippingHarness.Order("shp_b"), default);

        var limited = await Assert.ThrowsAsync<ShippingRateLimitedException>(() => shipping.Client.CreateOrderAsync(ShippingHarness.Order("shp_c"), default));

        Assert.Equal(TimeSpan.FromSeconds(45), limited.RetryAfter);
        Assert.True(limited.Transient);
        Assert.Equal(1, shipping.Simulator.RateLimitedResponses);
        shipping.Time.Advance(limited.RetryAfter);
        await shipping.Client.CreateOrderAsync(ShippingHarness.Order("shp_c"), default);
        Assert.Equal(3, shipping.Simulator.OrdersCreated);
    }

    [Fact]
    public async Task A_used_up_platform_budget_fails_the_next_call_without_sending_it()
    {
        using var shipping = new ShippingHarness(platform: o => o.RequestsPerMinute = 2);
        await shipping.Client.CreateOrderAsync(ShippingHarness.Order("shp_a"), default);
        shipping.Time.Advance(TimeSpan.FromSeconds(15));
        await shipping.Client.CreateOrderAsync(ShippingHarness.Order("shp_b"), default);

        var limited = await Assert.ThrowsAsync<ShippingRateLimitedException>(() => shipping.Client.CreateOrderAsync(ShippingHarness.Order("shp_c"), default));

        Assert.Equal(TimeSpan.FromSeconds(45), limited.RetryAfter);
        Assert.Equal(2, shipping.Simulator.RequestsSeen);
        Assert.Equal(0, shipping.Simulator.RateLimitedResponses);
        shipping.Time.Advance(limited.RetryAfter);
        await shipping.Client.CreateOrderAsync(ShippingHarness.Order("shp_c"), default);
        Assert.Equal(3, shipping.Simulator.OrdersCreated);
    }

    [Fact]
    public async Task A_used_up_platform_budget_that_resets_soon_is_waited_out_on_the_clock()
    {
        using var shipping = new ShippingHarness(client: o => o.RetryAfterCap = TimeSpan.FromSeconds(5), platform: o => o.RequestsPerMinute = 1);
        await shipping.Client.CreateOrderAsync(ShippingHarness.Order("shp_a"), default);
        shipping.Time.Advance(TimeSpan.FromSeconds(58));

        var create = shipping.Client.CreateOrderAsync(ShippingHarness.Order("shp_b"), default);
        await shipping.Time.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(2));

        Assert.False(create.IsCompleted);
        Assert.Equal(1, shipping.Simulator.RequestsSeen);
        shipping.Time.Advance(TimeSpan.FromSeconds(2));
        await create;
        Assert.Equal(0, shipping.Simulator.RateLimitedResponses);
        Assert.Equal(2, shipping.Simulator.OrdersCreated);
    }

    [Fact]
    public async Task The_client_waits_out_a_short_retry_after_on_the_clock()
    {
        using var shipping = new ShippingHarness(client: o => o.RetryAfterCap = TimeSpan.FromSeconds(5), platform: o => o.RequestsPerMinute = 1);
        await shipping.CreateClient().CreateOrderAsync(ShippingHarness.Order("shp_a"), default);
        shipping.Time.Advance(TimeSpan.FromSeconds(58));

        var create = shipping.Client.CreateOrderAsync(ShippingHarness.Order("shp_b"), default);
        await shipping.Time.WaitForTimerAsync(due => due == TimeSpan.FromSeconds(2));

        Assert.False(create.IsCompleted);
        shipping.Time.Advance(TimeSpan.FromSeconds(2));
        await create;
        Assert.Equal(1, shipping.Simulator.RateLimitedResponses);
        Assert.Equal(2, shipping.Simulator.OrdersCreated);
    }

    [Fact]
    public async Task The_client_leaves_a_long_retry_after_to_the_caller()
    {
        using var shipping = new ShippingHarness(client: o => o.RetryAfterCap = TimeSpan.FromSeconds(5), platform: o => o.RequestsPerMinute = 1);
        await shipping.CreateClient().CreateOrderAsync(ShippingHarness.Order("shp_a"), default);
        var seen = shipping.Simulator.RequestsSeen;

        var limited = await Assert.ThrowsAsync<ShippingRateLimitedException>(() => shipping.Client.CreateOrderAsync(ShippingHarness.Order("shp_b"), default));

        Assert.Equal(TimeSpan.FromSeconds(60), limited.RetryAfter);
        Assert.Equal(seen + 1, shipping.Simulator.RequestsSeen);
        Assert.True(ShippingResilience.IsTransient(limited));
    }

    [Fact]
    public async Task The_client_keeps_to_its_own_request_budget()
    {
        using var shipping = new ShippingHarness(client: o =>
        {
            o.RequestsPerMinute = 3;
            o.PermitWaitTimeout = TimeSpan.FromMinutes(5);
            o.RequestTimeout = o.TotalTimeout = TimeSpan.FromMinutes(10);
        });
        for (var i = 0; i < 3; i++)
        {
            await shipping.Client.CreateOrderAsync(ShippingHarness.Order($"shp_{i}"), default);
        }

        var fourth = shipping.Client.CreateOrderAsync(ShippingHarness.Order("shp_3"), default);

        Assert.False(fourth.IsCompleted);
        Assert.Equal(3, shipping.Simulator.RequestsSeen);
        shipping.Time.Advance(TimeSpan.FromMinutes(1));
        await fourth;
        Assert.Equal(4, shipping.Simulator.OrdersCreated);
        Assert.Equal(0, shipping.Simulator.RateLimitedResponses);
    }

    [Fact]
    public async Task A_permit_that_would_come_too_late_fails_at_once_as_rate_limited()
    {
        using var shipping = new ShippingHarness(client: o =>
        {
            o.RequestsPerMinute = 1;
            o.PermitWaitTimeout = TimeSpan.FromSeconds(2);
        });
        await shipping.Client.CreateOrderAsync(ShippingHarness.Order("shp_a"), default);
        shipping.Time.Advance(TimeSpan.FromSeconds(20));

        var limited = await Assert.ThrowsAsync<ShippingRateLimitedException>(() => shipping.Client.CreateOrderAsync(ShippingHarness.Order("shp_b"), default));

        Assert.Equal(TimeSpan.FromSeconds(40), limited.RetryAfter);
        Assert.Equal(1, shipping.Simulator.RequestsSeen);
        Assert.Equal(0, shipping.Limiter.AvailablePermits);
    }

    [Fact]
    public async Task A_waiting_request_can_be_cancelled()
    {
        using var shipping = new ShippingHarness(client: o =>
        {
            o.RequestsPerMinute = 1;
            o.PermitWaitTimeout = TimeSpan.FromMinutes(5);
            o.RequestTimeout = o.TotalTimeout = TimeSpan.FromMinutes(10);
        });
        await shipping.Client.CreateOrderAsync(ShippingHarness.Order("shp_a"), default);
        using var cancellation = new CancellationTokenSource();

        var waiting = shipping.Client.CreateOrderAsync(ShippingHarness.Order("shp_b"), cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, shipping.Simulator.RequestsSeen);
    }

    [Fact]
    public async Task Transient_failures_are_retried_by_the_client()
    {
        using var shipping = new ShippingHarness();
        shipping.Simulator.FailNextRequests(2);

        var platformOrderId = await shipping.Client.CreateOrderAsync(ShippingHarness.Order(), default);

        Assert.False(string.IsNullOrEmpty(platformOrderId));
        Assert.Equal(2, shipping.Simulator.InjectedFailures);
        Assert.Equal(3, shipping.Simulator.RequestsSeen);
        Assert.Equal(1, shipping.Simulator.OrdersCreated);
    }

    [Fact]
    public async Task A_rejected_request_is_not_retried()
    {
        using var shipping = new ShippingHarness();
        shipping.Simulator.FailNextRequests(1, System.Net.HttpStatusCode.BadRequest);

        var error = await Assert.ThrowsAsync<ShippingPlatformException>(() => shipping.Client.CreateOrderAsync(ShippingHarness.Order(), default));

        Assert.False(error.Transient);
        Assert.False(ShippingResilience.IsTransient(error));
        Assert.Equal(1, shipping.Simulator.RequestsSeen);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_closes_after_the_break()
    {
        using var shipping = new ShippingHarness(client: o =>
        {
            o.RetryMaxAttempts = 0;
            o.BreakerMinimumThroughput = 3;
            o.BreakerFailureRatio = 0.5;
            o.BreakerBreakDuration = TimeSpan.FromSeconds(30);
        });
        shipping.Simulator.FailNextRequests(100);
        for (var i = 0; i < 3; i++)
        {
            var failure = await Assert.ThrowsAsync<ShippingPlatformException>(() => shipping.Client.CreateOrderAsync(ShippingHarness.Order(), default));
            Assert.True(failure.Transient);
        }

        var rejected = await Assert.ThrowsAsync<ShippingPlatformException>(() => shipping.Client.CreateOrderAsync(ShippingHarness.Order(), default));

        Assert.True(ShippingResilience.IsTransient(rejected));
        Assert.IsAssignableFrom<Polly.CircuitBreaker.BrokenCircuitException>(rejected.InnerException);
        Assert.Equal(3, shipping.Simulator.RequestsSeen);
        shipping.Simulator.FailNextRequests(0);
        shipping.Time.Advance(TimeSpan.FromSeconds(30));
        await shipping.Client.CreateOrderAsync(ShippingHarness.Order(), default);
        Assert.Equal(1, shipping.Simulator.OrdersCreated);
    }

    [Fact]
    public async Task The_random_failure_rate_fails_requests_with_503()
    {
        using var shipping = new ShippingHarness(platform: o =>
        {
            o.SimulatorFailureRate = 1.0;
            o.SimulatorSeed = 7;
        });

        var error = await Assert.ThrowsAsync<ShippingPlatformException>(() => shipping.Client.CreateOrderAsync(ShippingHarness.Order(), default));

        Assert.True(error.Transient);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        shipping.Simulator.FailureRate = 0;
        await shipping.Client.CreateOrderAsync(ShippingHarness.Order(), default);
    }
}
