using PacificEdge.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Api;

public sealed class AdminFlowTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task Admins_list_and_filter_orders_see_the_timeline_refund_cancel_and_adjust_points()
    {
        var (customer, customerId) = await store.App.NewCustomerAsync("admin-flow");
        var (paidOrder, _) = await Shopper.BuyAsync(customer, sku: "PE-SEMAX-10MG");
        await Shopper.WaitForPaymentAsync(customer, paidOrder, "Paid");
        var cartId = await Shopper.NewCartAsync(customer, ("PE-DSIP-5MG", 1));
        var unpaid = (await (await Shopper.CheckoutAsync(customer, cartId, "unpaid")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString()!;
        var admin = await store.App.SignedInAdminAsync();

        var paidPage = await Eventually.WaitAsync(
            () => admin.GetFromJsonAsync<JsonElement>($"/api/admin/orders?payment=Paid&customerId={customerId}&page=1&pageSize=1"),
            p => p.GetProperty("total").GetInt64() == 1, "the paid order in the list");
        Assert.Equal(paidOrder, paidPage.GetProperty("items")[0].GetProperty("orderId").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/admin/orders?payment=Bogus")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/admin/orders?pageSize=1000")).StatusCode);

        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/orders/{paidOrder}");
        Assert.True(detail.GetProperty("timeline").GetArrayLength() >= 2);

        var refund = await admin.PostAsJsonAsync($"/api/admin/orders/{paidOrder}/refund", new { amount = 10.00m, reason = "damaged seal" });
        Assert.Equal("PartiallyRefunded", (await refund.Content.ReadFromJsonAsync<JsonElement>(Shopper.Json)).GetProperty("payment").GetString());
        var tooMuch = await admin.PostAsJsonAsync($"/api/admin/orders/{paidOrder}/refund", new { amount = 1000m, reason = "oops" });
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);

        var cancel = await admin.PostAsJsonAsync($"/api/admin/orders/{unpaid}/cancel", new { reason = "customer asked" });
        Assert.Equal("Cancelled", (await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fulfilment").GetString());

        var adjusted = await admin.PostAsJsonAsync($"/api/admin/customers/{customerId}/points", new { points = 250, reason = "apology", key = "apology-1" });
        adjusted.EnsureSuccessStatusCode();
        var again = await admin.PostAsJsonAsync($"/api/admin/customers/{customerId}/points", new { points = 250, reason = "apology", key = "apology-1" });
        var wallet = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Single(wallet.GetProperty("ledger").EnumerateArray(), e => e.GetProperty("kind").GetString() == "Adjustment");
    }

    [Fact]
    public async Task The_email_log_and_webhook_log_are_visible_and_a_failed_event_can_be_replayed()
    {
        var (customer, _) = await store.App.NewCustomerAsync("logs");
        var (orderId, _) = await Shopper.BuyAsync(customer, sku: "PE-MOTSC-10MG");
        await Shopper.WaitForPaymentAsync(customer, orderId, "Paid");
        var admin = await store.App.SignedInAdminAsync();

        var emails = await Eventually.WaitAsync(
            () => admin.GetFromJsonAsync<JsonElement>("/api/admin/emails?limit=100"),
            e => e.EnumerateArray().Any(m => m.GetProperty("key").GetString()!.Contains(orderId)), "the confirmation email");
        Assert.Contains(emails.EnumerateArray(), m => m.GetProperty("kind").GetString() == "OrderConfirmation");
        var processed = await admin.GetFromJsonAsync<JsonElement>("/api/admin/webhooks?status=Processed");
        Assert.True(processed.GetArrayLength() >= 1);

        // A signed event for an order that does not exist fails processing and stays replayable.
        var body = Webhooks.PaymentWebhookTests.EventJson("evt_orphan_1", "ord_00000000000000000000");
        (await Webhooks.PaymentWebhookTests.PostSignedAsync(store.App.NewClient(), body)).EnsureSuccessStatusCode();
        var failed = await Eventually.WaitAsync(
            () => admin.GetFromJsonAsync<JsonElement>("/api/admin/webhooks?status=Failed"),
            e => e.EnumerateArray().Any(w => w.GetProperty("eventId").GetString() == "evt_orphan_1"), "the failed event");
        var id = failed.EnumerateArray().First(w => w.GetProperty("eventId").GetString() == "evt_orphan_1").GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/admin/webhooks/{id}/replay", null)).StatusCode);
        var processedId = processed[0].GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/admin/webhooks/{processedId}/replay", null)).StatusCode);
    }

    [Fact]
    public async Task A_payment_failure_rate_above_five_percent_raises_a_stored_alert()
    {
        var (customer, _) = await store.App.NewCustomerAsync("declined");
        var (orderId, _) = await Shopper.BuyAsync(customer, card: "tok_chargeDeclined", sku: "PE-EPITAL-10MG");
        await Shopper.WaitForPaymentAsync(customer, orderId, "Failed");
        var admin = await store.App.SignedInAdminAsync();

        var alerts = await Eventually.WaitAsync(
            () => admin.GetFromJsonAsync<JsonElement>("/api/admin/alerts"),
            a => a.EnumerateArray().Any(x => x.GetProperty("kind").GetString() == "payment_failure_rate"), "the failure-rate alert");

        Assert.Contains("failure rate", alerts[0].GetProperty("message").GetString());
        var dashboard = await admin.GetFromJsonAsync<JsonElement>("/api/admin/dashboard");
        Assert.True(dashboard.GetProperty("orders").GetProperty("paymentFailureRate").GetDouble() > 0.05);
    }
}
