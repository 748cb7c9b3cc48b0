using System.Text.Json;
using PacificEdge.Grains.Integration.Shipping;
using PacificEdge.Grains.Interfaces.Shipping;

namespace PacificEdge.Grains.Tests.Integration.Shipping;

public sealed class ShippingNoticeTests
{
    [Fact]
    public async Task A_ship_notify_webhook_points_at_the_shipment_news()
    {
        using var shipping = new ShippingHarness();
        await shipping.Client.CreateOrderAsync(ShippingHarness.Order(), default);

        var webhook = shipping.Simulator.MarkShipped("shp_ord_1", "ups", "1Z999AA10123456784");

        using var body = JsonDocument.Parse(webhook.Body);
        Assert.Equal("SHIP_NOTIFY", body.RootElement.GetProperty("resource_type").GetString());
        Assert.Equal(webhook.ResourceUrl.AbsoluteUri, body.RootElement.GetProperty("resource_url").GetString());
        Assert.Equal("ssapi.shipstation.com", webhook.ResourceUrl.Host);

        var notice = Assert.Single(await shipping.Client.FetchNoticesAsync(webhook.ResourceUrl, default));
        Assert.Equal("shp_ord_1", notice.ShipmentId);
        Assert.Equal(CarrierEventKind.Shipped, notice.Event.Kind);
        Assert.Equal("ups", notice.Event.Carrier);
        Assert.Equal("1Z999AA10123456784", notice.Event.TrackingNumber);
        Assert.Equal("https://www.ups.com/track?tracknum=1Z999AA10123456784", notice.Event.TrackingUrl);
    }

    [Fact]
    public async Task Fetching_again_gives_the_same_event_ids_and_each_step_its_own()
    {
        using var shipping = new ShippingHarness();
        await shipping.Client.CreateOrderAsync(ShippingHarness.Order(), default);
        var shipped = shipping.Simulator.MarkShipped("shp_ord_1", "usps", "9400111899223100001234");
        shipping.Time.Advance(TimeSpan.FromHours(20));
        var problem = shipping.Simulator.MarkException("shp_ord_1", "Address not found");
        shipping.Time.Advance(TimeSpan.FromHours(20));
        var delivered = shipping.Simulator.MarkDelivered("shp_ord_1");

        var first = await shipping.Client.FetchNoticesAsync(shipped.ResourceUrl, default);
        var again = await shipping.Client.FetchNoticesAsync(shipped.ResourceUrl, default);
        var exception = Assert.Single(await shipping.Client.FetchNoticesAsync(problem.ResourceUrl, default));
        var done = Assert.Single(await shipping.Client.FetchNoticesAsync(delivered.ResourceUrl, default));

        Assert.Equal(first, again);
        Assert.Equal(CarrierEventKind.Exception, exception.Event.Kind);
        Assert.Equal("Address not found", exception.Event.Detail);
        Assert.Equal(CarrierEventKind.Delivered, done.Event.Kind);
        Assert.Equal("delivered", shipping.Simulator.FindOrder("shp_ord_1")!.Status);
        Assert.Equal(3, new[] { first[0].Event.EventId, exception.Event.EventId, done.Event.EventId }.Distinct().Count());
    }

    [Fact]
    public async Task Credentials_are_never_sent_to_another_host()
    {
        using var shipping = new ShippingHarness();

        var error = await Assert.ThrowsAsync<ShippingPlatformException>(
            () => shipping.Client.FetchNoticesAsync(new Uri("https://attacker.example/shipments?batchId=1"), default));

        Assert.False(error.Transient);
        Assert.Equal(0, shipping.Simulator.RequestsSeen);
    }

    [Fact]
    public void Marking_an_unknown_or_unshipped_order_is_an_error()
    {
        using var shipping = new ShippingHarness();

        Assert.Throws<InvalidOperationException>(() => shipping.Simulator.MarkShipped("shp_nope", "ups", "1Z"));
        Assert.Throws<InvalidOperationException>(() => shipping.Simulator.MarkDelivered("shp_nope"));
    }

    [Theory]
    [InlineData("ups", "1Z 99", "https://www.ups.com/track?tracknum=1Z%2099")]
    [InlineData("usps", "9400", "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400")]
    [InlineData("stamps_com", "9400", "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400")]
    [InlineData("FedEx", "7777", "https://www.fedex.com/fedextrack/?trknbr=7777")]
    [InlineData("dhl_express", "123", "https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=123")]
    [InlineData("ontrac", "123", null)]
    [InlineData("ups", "", null)]
    public void Tracking_links_follow_each_carrier(string carrier, string trackingNumber, string? expected)
        => Assert.Equal(expected, CarrierTrackingLinks.For(carrier, trackingNumber));
}
