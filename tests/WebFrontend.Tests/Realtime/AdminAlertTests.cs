using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Interfaces.Payments;
using PacificEdge.Testing;
using PacificEdge.WebFrontend.Tests.Support;
using PacificEdge.WebFrontend.Tests.Webhooks;

namespace PacificEdge.WebFrontend.Tests.Realtime;

/// <summary>Alerts raised by orders in the silo are stored and reach the admins live, each once.</summary>
public sealed class AdminAlertTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    private Uri AdminHub => new(store.App.BaseAddress, "/hubs/admin");

    [Fact]
    public async Task A_signed_webhook_paying_the_wrong_amount_leaves_the_order_unpaid_and_alerts_the_admins_once()
    {
        var admin = await store.App.SignedInAdminAsync();
        await using var hub = await ConnectedAdminHubAsync(admin);
        var (orderId, total, client) = await UnpaidOrderAsync("mispaid");

        var response = await PaymentWebhookTests.PostSignedAsync(store.App.NewClient(), PaymentWebhookTests.EventJson("evt_alert_mispaid", orderId, new Money(0.01m, total.Currency)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var order = await Eventually.WaitAsync(
            () => Shopper.OrderAsync(client, orderId),
            o => o.GetProperty("timeline").EnumerateArray().Any(t => t.GetProperty("event").GetString() == "payment.amount_mismatch"), "the mismatch to be recorded");
        Assert.Equal("Pending", order.GetProperty("payment").GetString());

        var listed = await WaitForListedAlertAsync(admin, "payment_amount_mismatch", orderId);
        var message = listed.GetProperty("message").GetString()!;
        Assert.Contains($"0.01 {total.Currency}", message);
        Assert.Contains(total.ToString(), message);
        Assert.Equal(0.01m, listed.GetProperty("value").GetDecimal());
        Assert.Equal(total.Amount, listed.GetProperty("threshold").GetDecimal());

        var pushed = await WaitForPushedAlertAsync(hub, "payment_amount_mismatch", orderId);
        Assert.Equal(listed.GetProperty("id").GetInt64(), pushed.GetProperty("id").GetInt64());
        await AssertPushedOnceAsync(hub, pushed.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_refund_webhook_above_the_refundable_amount_alerts_the_admins()
    {
        var admin = await store.App.SignedInAdminAsync();
        await using var hub = await ConnectedAdminHubAsync(admin);
        var (orderId, total, client) = await UnpaidOrderAsync("over-refunded");
        (await PaymentWebhookTests.PostSignedAsync(store.App.NewClient(), PaymentWebhookTests.EventJson("evt_alert_pay", orderId, total))).EnsureSuccessStatusCode();
        await Shopper.WaitForPaymentAsync(client, orderId, "Paid");
        var refund = new PaymentEvent("evt_alert_refund", PaymentEventKind.Refunded, "pi_evt_alert_pay", orderId, new Money(total.Amount + 100m, total.Currency), DateTimeOffset.UtcNow, RefundId: "re_alert_huge");

        var response = await PaymentWebhookTests.PostSignedAsync(store.App.NewClient(), PaymentWebhookEventBuilder.Build(refund, total));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var listed = await WaitForListedAlertAsync(admin, "payment_refund_excess", orderId);
        Assert.Contains("re_alert_huge", listed.GetProperty("message").GetString());
        Assert.Contains(refund.Amount.ToString(), listed.GetProperty("message").GetString());
        await WaitForPushedAlertAsync(hub, "payment_refund_excess", orderId);
        var refunded = await Shopper.WaitForPaymentAsync(client, orderId, "Refunded");
        Assert.Equal(total.Amount, refunded.GetProperty("refunded").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task An_alert_the_dashboard_raises_itself_is_pushed_once()
    {
        var admin = await store.App.SignedInAdminAsync();
        await using var hub = await ConnectedAdminHubAsync(admin);
        var (customer, _) = await store.App.NewCustomerAsync("alert-declined");

        var (orderId, _) = await Shopper.BuyAsync(customer, card: "tok_chargeDeclined", sku: "PE-EPITAL-10MG");
        await Shopper.WaitForPaymentAsync(customer, orderId, "Failed");

        var pushed = await hub.WaitForAsync(l => IsAlert(l) && Alert(l).GetProperty("kind").GetString() == "payment_failure_rate", "the failure-rate alert");
        await AssertPushedOnceAsync(hub, Alert(pushed).GetProperty("id").GetInt64());
    }

    private async Task<HubClient> ConnectedAdminHubAsync(HttpClient admin)
    {
        var hub = HubClient.Start(AdminHub, store.App.CookieHeader(admin));
        await hub.WaitForAsync(l => l.GetProperty("type").GetString() == "message" && l.GetProperty("target").GetString() == "counters", "the first counters");
        return hub;
    }

    private async Task<(string OrderId, Money Total, HttpClient Client)> UnpaidOrderAsync(string name)
    {
        var (client, _) = await store.App.NewCustomerAsync(name);
        var cartId = await Shopper.NewCartAsync(client, ("PE-AOD9604-5MG", 1));
        var checkout = await (await Shopper.CheckoutAsync(client, cartId, Guid.NewGuid().ToString("N"))).Content.ReadFromJsonAsync<JsonElement>(Shopper.Json);
        var total = checkout.GetProperty("total");
        return (checkout.GetProperty("orderId").GetString()!, new Money(total.GetProperty("amount").GetDecimal(), total.GetProperty("currency").GetString()!), client);
    }

    private static async Task<JsonElement> WaitForListedAlertAsync(HttpClient admin, string kind, string orderId)
    {
        var alerts = await Eventually.WaitAsync(
            () => admin.GetFromJsonAsync<JsonElement>("/api/admin/alerts"),
            a => a.EnumerateArray().Any(x => IsFor(x, kind, orderId)), $"a {kind} alert for {orderId} in the admin list");
        return Assert.Single(alerts.EnumerateArray(), x => IsFor(x, kind, orderId));
    }

    private static async Task<JsonElement> WaitForPushedAlertAsync(HubClient hub, string kind, string orderId)
        => Alert(await hub.WaitForAsync(l => IsAlert(l) && IsFor(Alert(l), kind, orderId), $"a pushed {kind} alert for {orderId}"));

    /// <summary>Two dashboard refreshes after the push (counters go out first in each), no second copy has come.</summary>
    private static async Task AssertPushedOnceAsync(HubClient hub, long alertId)
    {
        await Eventually.WaitAsync(
            () => Task.FromResult(hub.Seen),
            seen => seen.SkipWhile(l => !(IsAlert(l) && Alert(l).GetProperty("id").GetInt64() == alertId))
                .Count(l => l.GetProperty("type").GetString() == "message" && l.GetProperty("target").GetString() == "counters") >= 2,
            "two dashboard refreshes after the alert");
        Assert.Single(hub.Seen, l => IsAlert(l) && Alert(l).GetProperty("id").GetInt64() == alertId);
    }

    private static bool IsAlert(JsonElement line) => line.GetProperty("type").GetString() == "message" && line.GetProperty("target").GetString() == "alert";

    private static JsonElement Alert(JsonElement line) => line.GetProperty("args")[0];

    private static bool IsFor(JsonElement alert, string kind, string orderId)
        => alert.GetProperty("kind").GetString() == kind && alert.GetProperty("message").GetString()!.Contains(orderId, StringComparison.Ordinal);
}
