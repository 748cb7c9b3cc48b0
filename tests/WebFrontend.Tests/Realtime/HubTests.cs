using System.Net.Http.Json;
using System.Text.Json;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Realtime;

/// <summary>The hubs, driven by the real JavaScript SignalR client.</summary>
public sealed class HubTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    private Uri OrdersHub => new(store.App.BaseAddress, "/hubs/orders");

    private Uri AdminHub => new(store.App.BaseAddress, "/hubs/admin");

    [Fact]
    public async Task A_shopper_following_their_order_receives_every_status_change_with_its_version()
    {
        var (client, _) = await store.App.NewCustomerAsync("follower");
        var cartId = await Shopper.NewCartAsync(client, ("PE-SELANK-10MG", 1));
        var orderId = (await (await Shopper.CheckoutAsync(client, cartId, "k")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString()!;
        await using var hub = HubClient.Start(OrdersHub, store.App.CookieHeader(client), "Follow", orderId, null);
        var followed = await hub.WaitForAsync(l => l.GetProperty("type").GetString() == "result", "the Follow result");
        var baseline = followed.GetProperty("value").GetProperty("version").GetInt64();

        (await client.PostAsJsonAsync($"/api/orders/{orderId}/pay", new { cardToken = "tok_visa" })).EnsureSuccessStatusCode();

        var paid = await hub.WaitForAsync(
            l => l.GetProperty("type").GetString() == "message" && l.GetProperty("args")[0].GetProperty("payment").GetString() == "Paid",
            "an orderStatus message saying Paid");
        Assert.Equal(orderId, paid.GetProperty("args")[0].GetProperty("orderId").GetString());
        Assert.True(paid.GetProperty("args")[0].GetProperty("version").GetInt64() > baseline);
    }

    [Fact]
    public async Task A_shopper_cannot_join_another_shoppers_order_group()
    {
        var (alice, _) = await store.App.NewCustomerAsync("alice-hub");
        var (mallory, _) = await store.App.NewCustomerAsync("mallory-hub");
        var (orderId, _) = await Shopper.BuyAsync(alice, sku: "PE-BACWATER-30ML");
        await using var hub = HubClient.Start(OrdersHub, store.App.CookieHeader(mallory), "Follow", orderId, null);

        var error = await hub.WaitForAsync(l => l.GetProperty("type").GetString() is "error" or "result", "the Follow outcome");

        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Contains("Order not found", error.GetProperty("message").GetString());
        // Anyone can provoke this refusal: it must not fill the error log.
        Assert.DoesNotContain(store.App.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error
            && (e.Category.Contains("SignalR", StringComparison.Ordinal) || e.Message.Contains("Follow", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Only_staff_can_connect_to_the_admin_hub_and_they_get_counters_at_once()
    {
        var (customer, _) = await store.App.NewCustomerAsync("not-staff");
        var admin = await store.App.SignedInAdminAsync();

        await using var refused = HubClient.Start(AdminHub, store.App.CookieHeader(customer));
        await using var allowed = HubClient.Start(AdminHub, store.App.CookieHeader(admin));

        var failure = await refused.WaitForAsync(l => l.GetProperty("type").GetString() is "connect-failed" or "connected", "the refused connection");
        Assert.Equal("connect-failed", failure.GetProperty("type").GetString());
        var counters = await allowed.WaitForAsync(
            l => l.GetProperty("type").GetString() == "message" && l.GetProperty("target").GetString() == "counters", "a counters message");
        Assert.True(counters.GetProperty("args")[0].GetProperty("orders").TryGetProperty("ordersPerMinute", out _));
    }

    [Fact]
    public async Task A_paid_order_shows_in_every_figure_of_the_counters_pushed_to_the_admins()
    {
        var admin = await store.App.SignedInAdminAsync();
        await using var hub = HubClient.Start(AdminHub, store.App.CookieHeader(admin));
        var (customer, _) = await store.App.NewCustomerAsync("counted");

        var (orderId, _) = await Shopper.BuyAsync(customer);
        await Shopper.WaitForPaymentAsync(customer, orderId, "Paid");

        // Each figure is a separate query of the refresh's one batch: a refresh after the payment counts it in all of them.
        await hub.WaitForAsync(
            l => l.GetProperty("type").GetString() == "message" && l.GetProperty("target").GetString() == "counters" && CountsAPaidOrder(l.GetProperty("args")[0].GetProperty("orders")),
            "counters counting the paid order");
    }

    private static bool CountsAPaidOrder(JsonElement orders)
        => orders.GetProperty("ordersPerMinute").GetDouble() > 0
           && orders.GetProperty("revenueToday").GetDecimal() > 0
           && orders.GetProperty("ordersByStatus").EnumerateObject().Any(s => s.Name.StartsWith("Paid/", StringComparison.Ordinal) && s.Value.GetInt64() > 0)
           && orders.GetProperty("ordersPerMinuteSeries").EnumerateArray().Sum(n => n.GetInt64()) > 0
           && orders.GetProperty("revenuePerDaySeries").EnumerateArray().Last().GetDecimal() > 0;
}
