using System.Net.Http.Json;
using System.Text.Json;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Testing;
using PacificEdge.WebFrontend.Tests.Support;
using PacificEdge.WebFrontend.Tests.Webhooks;

namespace PacificEdge.WebFrontend.Tests.Telemetry;

/// <summary>Alerts (the dashboard's and the orders') reach a Slack-compatible chat webhook: retried on failure, posted once, the URL never logged.</summary>
public sealed class ChatAlertTests(ChatWebhookFixture fixture) : IClassFixture<ChatWebhookFixture>
{
    // An alert travels through a dashboard refresh or an order's effect, a stored alert and the notifier's retry: on a
    // machine busy with other test projects that took longer than the default 30 s (both tests timed out in one run).
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_raised_alert_is_posted_once_as_slack_json_after_a_failed_attempt_and_the_webhook_url_is_never_logged()
    {
        var admin = await fixture.App.SignedInAdminAsync();
        await using var hub = HubClient.Start(new Uri(fixture.App.BaseAddress, "/hubs/admin"), fixture.App.CookieHeader(admin));

        // First post answered 500, the retry 200.
        var posts = await Eventually.WaitAsync(
            () => Task.FromResult(ChatPosts("payment_failure_rate")),
            p => p.Any(e => e.Status == 200), "the alert accepted by the chat webhook", Patience);
        Assert.Equal(500, posts[0].Status);
        Assert.Equal(posts[0].Body, posts[1].Body);
        using var body = JsonDocument.Parse(posts[1].Body);
        var text = body.RootElement.GetProperty("text").GetString()!;
        Assert.Contains("payment_failure_rate", text, StringComparison.Ordinal);
        Assert.Contains("Payment failure rate is", text, StringComparison.Ordinal);

        // Further dashboard refreshes (the condition still holds) post nothing new: one alert, one accepted post.
        await hub.WaitForAsync(l => l.GetProperty("type").GetString() == "message" && l.GetProperty("target").GetString() == "counters", "a dashboard refresh", Patience);
        await Eventually.WaitAsync(
            () => Task.FromResult(hub.Seen.Count(l => l.GetProperty("type").GetString() == "message" && l.GetProperty("target").GetString() == "counters")),
            n => n >= 3, "three dashboard refreshes after connecting", Patience);
        var alerts = await admin.GetFromJsonAsync<JsonElement>("/api/admin/alerts");
        Assert.Single(alerts.EnumerateArray(), a => a.GetProperty("kind").GetString() == "payment_failure_rate");
        Assert.Single(ChatPosts("payment_failure_rate"), p => p.Status == 200);
        Assert.Equal(2, ChatPosts("payment_failure_rate").Count);

        Assert.Contains(fixture.App.Logs.Entries, e => e.Message.Contains("posted to the chat webhook", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.App.Logs.Entries, e => e.Message.Contains(ChatWebhookFixture.SecretSegment, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_alert_an_order_raises_in_the_silo_is_posted_once()
    {
        var (customer, _) = await fixture.App.NewCustomerAsync("chat-mispaid");
        var cartId = await Shopper.NewCartAsync(customer, ("PE-AOD9604-5MG", 1));
        var checkout = await (await Shopper.CheckoutAsync(customer, cartId, Guid.NewGuid().ToString("N"))).Content.ReadFromJsonAsync<JsonElement>(Shopper.Json);
        var orderId = checkout.GetProperty("orderId").GetString()!;
        var currency = checkout.GetProperty("total").GetProperty("currency").GetString()!;
        var mispaid = PaymentWebhookTests.EventJson("evt_chat_mispaid", orderId, new Money(0.01m, currency));

        (await PaymentWebhookTests.PostSignedAsync(fixture.App.NewClient(), mispaid)).EnsureSuccessStatusCode();
        // The provider resends the same event: the order has handled it, no second alert, no second post.
        (await PaymentWebhookTests.PostSignedAsync(fixture.App.NewClient(), mispaid)).EnsureSuccessStatusCode();

        var post = await Eventually.WaitAsync(
            () => Task.FromResult(ChatPosts("payment_amount_mismatch").Where(p => p.Body.Contains(orderId, StringComparison.Ordinal)).ToList()),
            p => p.Count > 0, "the mismatch alert at the chat webhook", Patience);
        Assert.Equal(200, Assert.Single(post).Status);
        var admin = await fixture.App.SignedInAdminAsync();
        await Eventually.WaitAsync(
            () => admin.GetFromJsonAsync<JsonElement>("/api/admin/alerts"),
            a => a.EnumerateArray().Count(x => x.GetProperty("kind").GetString() == "payment_amount_mismatch" && x.GetProperty("message").GetString()!.Contains(orderId, StringComparison.Ordinal)) == 1,
            "the stored mismatch alert", Patience);
        Assert.Single(ChatPosts("payment_amount_mismatch"), p => p.Body.Contains(orderId, StringComparison.Ordinal));
    }

    private List<(int Status, string Body)> ChatPosts(string kind) =>
        [.. fixture.Chat.LogEntries
            .Where(e => e.RequestMessage.Path == ChatWebhookFixture.Path && (e.RequestMessage.Body ?? "").Contains(kind, StringComparison.Ordinal))
            .OrderBy(e => e.RequestMessage.DateTime)
            .Select(e => (Convert.ToInt32(e.ResponseMessage.StatusCode, System.Globalization.CultureInfo.InvariantCulture), e.RequestMessage.Body ?? ""))];
}
