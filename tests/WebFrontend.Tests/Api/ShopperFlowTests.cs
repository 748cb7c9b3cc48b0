using PacificEdge.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Api;

public sealed class ShopperFlowTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task A_customer_browses_fills_a_cart_checks_out_once_pays_and_earns_points()
    {
        var (client, userId) = await store.App.NewCustomerAsync("flow");
        var catalog = await client.GetFromJsonAsync<JsonElement>("/api/catalog");
        Assert.Equal(12, catalog.GetArrayLength());
        Assert.All(catalog.EnumerateArray(), p => Assert.StartsWith("https://", p.GetProperty("certificateUrl").GetString()));

        var cartId = await Shopper.NewCartAsync(client, ("PE-NAD-500MG", 2), ("PE-BACWATER-30ML", 1));
        var first = await Shopper.CheckoutAsync(client, cartId, "checkout-1");
        var again = await Shopper.CheckoutAsync(client, cartId, "checkout-1");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var order = await first.Content.ReadFromJsonAsync<JsonElement>();
        var replay = await again.Content.ReadFromJsonAsync<JsonElement>();
        var orderId = order.GetProperty("orderId").GetString()!;
        Assert.Equal(orderId, replay.GetProperty("orderId").GetString());
        Assert.True(replay.GetProperty("replayed").GetBoolean());
        Assert.Equal(129.85m, order.GetProperty("total").GetProperty("amount").GetDecimal());

        (await client.PostAsJsonAsync($"/api/orders/{orderId}/pay", new { cardToken = "tok_visa" })).EnsureSuccessStatusCode();
        var paid = await Shopper.WaitForPaymentAsync(client, orderId, "Paid");

        Assert.Contains(paid.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("event").GetString() == "payment.paid");
        var mine = await Eventually.WaitAsync(
            () => client.GetFromJsonAsync<JsonElement>("/api/orders"), p => p.GetProperty("total").GetInt64() == 1, "my order list");
        Assert.Equal(orderId, mine.GetProperty("items")[0].GetProperty("orderId").GetString());
        var points = await Eventually.WaitAsync(
            () => client.GetFromJsonAsync<JsonElement>("/api/me/points"), w => w.GetProperty("balance").GetInt32() > 0, "points earned");
        Assert.Equal(129, points.GetProperty("balance").GetInt32());
        Assert.Equal(userId, points.GetProperty("customerId").GetString());
    }

    [Fact]
    public async Task A_guest_checks_out_and_reads_the_order_only_with_its_signed_token()
    {
        var guest = store.App.NewClient();

        var (orderId, token) = await Shopper.BuyAsync(guest);

        Assert.NotNull(token);
        await Shopper.WaitForPaymentAsync(guest, orderId, "Paid", token);
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync($"/api/orders/{orderId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync($"/api/orders/{orderId}?token={new string('0', 64)}")).StatusCode);
    }

    [Fact]
    public async Task Cart_input_is_validated_and_bad_input_changes_nothing()
    {
        var client = store.App.NewClient();
        var cartId = await Shopper.NewCartAsync(client, ("PE-KPV-10MG", 1));

        var tooMany = await client.PostAsJsonAsync($"/api/carts/{cartId}/lines", new { sku = "PE-KPV-10MG", quantity = 150 });
        var unknown = await client.PostAsJsonAsync($"/api/carts/{cartId}/lines", new { sku = "NOPE", quantity = 1 });
        var noKey = await client.PostAsJsonAsync($"/api/carts/{cartId}/checkout", new { email = "a@b.test", shipTo = Shopper.ShipTo });
        var badCart = await client.GetAsync("/api/carts/not-a-cart");

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, badCart.StatusCode);
        var cart = await client.GetFromJsonAsync<JsonElement>($"/api/carts/{cartId}");
        Assert.Equal(1, cart.GetProperty("itemCount").GetInt32());
    }
}
