using PacificEdge.Simulators.Shipping;
using PacificEdge.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PacificEdge.Grains.Integration.Shipping;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Webhooks;

/// <summary>POST /webhooks/shipping: token, host allow-list, then the thin event is fetched and routed to the shipment.</summary>
public sealed class ShippingWebhookTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task A_ship_notify_moves_the_order_to_shipped_with_tracking_and_a_replay_is_acknowledged()
    {
        var (client, _) = await store.App.NewCustomerAsync("shipper");
        var (orderId, _) = await Shopper.BuyAsync(client, sku: "PE-GHKCU-50MG");
        var order = await Eventually.WaitAsync(() => Shopper.OrderAsync(client, orderId),
            o => o.GetProperty("fulfilment").GetString() == "InProgress", "the shipment to be pushed");
        var simulator = store.App.Services.GetRequiredService<ShipStationSimulator>();
        var notice = simulator.MarkShipped(order.GetProperty("shipmentId").GetString()!, "usps", "9400100000000000000000");

        var first = await PostAsync(notice.Body, StoreApp.ShippingToken);
        var replay = await PostAsync(notice.Body, StoreApp.ShippingToken);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var shipped = await Eventually.WaitAsync(() => Shopper.OrderAsync(client, orderId),
            o => o.GetProperty("fulfilment").GetString() == "Shipped", "the order to ship");
        Assert.Equal("9400100000000000000000", shipped.GetProperty("trackingNumber").GetString());
    }

    [Theory]
    [InlineData("wrong-token", 401)]
    [InlineData("host-not-allowed", 400)]
    [InlineData("unknown-type", 422)]
    [InlineData("malformed", 400)]
    public async Task Bad_shipping_webhooks_are_refused(string kind, int status)
    {
        var body = kind switch
        {
            "host-not-allowed" => "{\"resource_url\":\"https://attacker.example/shipments\",\"resource_type\":\"SHIP_NOTIFY\"}",
            "unknown-type" => "{\"resource_url\":\"https://ssapi.shipstation.com/shipments?x=1\",\"resource_type\":\"ORDER_NOTIFY_X\"}",
            "malformed" => "{\"resource_url\":",
            _ => "{\"resource_url\":\"https://ssapi.shipstation.com/shipments?x=1\",\"resource_type\":\"SHIP_NOTIFY\"}",
        };

        var response = await PostAsync(body, kind == "wrong-token" ? "not-the-token" : StoreApp.ShippingToken);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private Task<HttpResponseMessage> PostAsync(string body, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/shipping") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Webhook-Token", token);
        return store.App.NewClient().SendAsync(request);
    }
}
