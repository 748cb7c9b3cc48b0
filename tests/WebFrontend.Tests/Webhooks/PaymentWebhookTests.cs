using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Interfaces.Payments;
using PacificEdge.Testing;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Webhooks;

/// <summary>POST /webhooks/payments: only authentic, fresh, well-formed, known events change anything, once.</summary>
public sealed class PaymentWebhookTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task A_valid_signed_event_is_accepted_and_pays_the_order()
    {
        var (orderId, total, client) = await UnpaidOrderAsync();

        var response = await PostSignedAsync(store.App.NewClient(), EventJson("evt_valid", orderId, total));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Shopper.WaitForPaymentAsync(client, orderId, "Paid");
    }

    [Fact]
    public async Task An_accepted_event_is_stored_claimed_by_the_front_end_that_took_it_and_processed_in_one_attempt()
    {
        var (orderId, total, client) = await UnpaidOrderAsync();

        var response = await PostSignedAsync(store.App.NewClient(), EventJson("evt_one_attempt", orderId, total));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Shopper.WaitForPaymentAsync(client, orderId, "Paid");
        var webhooks = store.App.Services.GetRequiredService<PacificEdge.WebFrontend.Data.WebhookStore>();
        var stored = await Eventually.WaitAsync(
            async () => (await webhooks.ListAsync("Processed", 500, CancellationToken.None)).SingleOrDefault(w => w.EventId == "evt_one_attempt"),
            w => w is not null, "the event to be marked Processed");
        Assert.Equal(1, stored!.Attempts);
    }

    public static TheoryData<string, int> Forgeries() => new()
    {
        { "wrong-secret", 401 },
        { "old-timestamp", 400 },
        { "future-timestamp", 400 },
        { "tampered-body", 401 },
        { "missing-header", 400 },
        { "malformed-json", 400 },
        { "unknown-type", 422 },
        { "two-megabytes", 413 },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Forged_stale_malformed_oversized_or_unknown_events_get_a_4xx_problem_and_change_nothing(string kind, int status)
    {
        var (orderId, total, client) = await UnpaidOrderAsync();
        var body = EventJson($"evt_{kind}", orderId, total);
        var now = DateTimeOffset.UtcNow;
        var request = kind switch
        {
            "wrong-secret" => Signed(body, "whsec_someone_else_entirely_000", now),
            "old-timestamp" => Signed(body, StoreApp.WebhookSecret, now.AddSeconds(-301)),
            // Well past the 300 s tolerance: the time this request spends queued on a busy machine eats into a closer margin.
            "future-timestamp" => Signed(body, StoreApp.WebhookSecret, now.AddSeconds(600)),
            "tampered-body" => Tampered(body, now),
            "missing-header" => new HttpRequestMessage(HttpMethod.Post, "/webhooks/payments") { Content = Json(body) },
            "malformed-json" => Signed("{\"id\": \"evt_x\", ", StoreApp.WebhookSecret, now),
            "unknown-type" => Signed(body.Replace("payment_intent.succeeded", "customer.created"), StoreApp.WebhookSecret, now),
            _ => Signed(new string(' ', 2 * 1024 * 1024) + body, StoreApp.WebhookSecret, now),
        };

        var response = await store.App.NewClient().SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        // Give a wrongly accepted event every chance to be processed before checking nothing changed.
        await PostSignedAsync(store.App.NewClient(), EventJson($"evt_probe_{kind}", "ord_11111111111111111111", total));
        Assert.Equal("Pending", (await Shopper.OrderAsync(client, orderId)).GetProperty("payment").GetString());
    }

    [Fact]
    public async Task The_same_event_fifty_times_concurrently_has_one_effect()
    {
        var (orderId, total, client) = await UnpaidOrderAsync();
        var body = EventJson("evt_dup_50", orderId, total);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => PostSignedAsync(store.App.NewClient(), body)));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        var paid = await Shopper.WaitForPaymentAsync(client, orderId, "Paid");
        Assert.Single(paid.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("event").GetString() == "payment.paid");
        var admin = await store.App.SignedInAdminAsync();
        var stored = await admin.GetFromJsonAsync<JsonElement>("/api/admin/webhooks?limit=500");
        Assert.Single(stored.EnumerateArray(), w => w.GetProperty("eventId").GetString() == "evt_dup_50");
    }

    [Fact]
    public async Task During_a_rotation_events_signed_with_the_old_or_the_new_secret_are_accepted()
    {
        await using var database = new PostgresDatabaseFixture();
        await database.InitializeAsync();
        await using var app = new StoreApp(database.ConnectionString, new Dictionary<string, string>
        {
            ["Webhooks:PaymentSecrets:0"] = "whsec_new_rotated_secret_0000000",
            ["Webhooks:PaymentSecrets:1"] = StoreApp.WebhookSecret,
        }).Start();
        var total = new Money(1m, "USD");

        var withOld = await PostSignedAsync(app.NewClient(), EventJson("evt_rot_old", "ord_22222222222222222222", total));
        var withNew = await app.NewClient().SendAsync(Signed(EventJson("evt_rot_new", "ord_22222222222222222222", total), "whsec_new_rotated_secret_0000000", DateTimeOffset.UtcNow));
        var withNeither = await app.NewClient().SendAsync(Signed(EventJson("evt_rot_bad", "ord_22222222222222222222", total), "whsec_retired_secret_00000000000", DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.Accepted, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, withNew.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withNeither.StatusCode);
    }

    [Fact]
    public async Task A_failed_event_is_retried_when_its_retry_falls_due_not_at_the_next_scan()
    {
        await using var database = new PostgresDatabaseFixture();
        await database.InitializeAsync();
        // A scan interval far beyond any test timeout: only the retries' own times can bring the attempts.
        await using var app = new StoreApp(database.ConnectionString, new Dictionary<string, string>
        {
            ["Webhooks:ScanInterval"] = "01:00:00",
            ["Webhooks:MaxAttempts"] = "3",
        }).Start();

        // No such order: every attempt fails.
        var response = await PostSignedAsync(app.NewClient(), EventJson("evt_retry_when_due", "ord_33333333333333333333"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var webhooks = app.Services.GetRequiredService<PacificEdge.WebFrontend.Data.WebhookStore>();
        var abandoned = await Eventually.WaitAsync(
            async () => (await webhooks.ListAsync("Abandoned", 500, CancellationToken.None)).SingleOrDefault(w => w.EventId == "evt_retry_when_due"),
            w => w is not null, "the event to be retried until abandoned");
        Assert.Equal(3, abandoned!.Attempts);
    }

    public static string EventJson(string eventId, string orderId, Money? amount = null)
        => PaymentWebhookEventBuilder.Build(new PaymentEvent(eventId, PaymentEventKind.Succeeded, $"pi_{eventId}", orderId, amount ?? new Money(1m, "USD"), DateTimeOffset.UtcNow));

    public static Task<HttpResponseMessage> PostSignedAsync(HttpClient client, string body)
        => client.SendAsync(Signed(body, StoreApp.WebhookSecret, DateTimeOffset.UtcNow));

    private async Task<(string OrderId, Money Total, HttpClient Client)> UnpaidOrderAsync()
    {
        var (client, _) = await store.App.NewCustomerAsync("webhook");
        var cartId = await Shopper.NewCartAsync(client, ("PE-AOD9604-5MG", 1));
        var checkout = await (await Shopper.CheckoutAsync(client, cartId, Guid.NewGuid().ToString("N"))).Content.ReadFromJsonAsync<JsonElement>(Shopper.Json);
        var total = checkout.GetProperty("total");
        return (checkout.GetProperty("orderId").GetString()!, new Money(total.GetProperty("amount").GetDecimal(), total.GetProperty("currency").GetString()!), client);
    }

    private static HttpRequestMessage Signed(string body, string secret, DateTimeOffset at)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/payments") { Content = Json(body) };
        request.Headers.TryAddWithoutValidation(PaymentWebhookSignature.HeaderName, PaymentWebhookSignature.Sign(body, secret, at));
        return request;
    }

    private static HttpRequestMessage Tampered(string body, DateTimeOffset at)
    {
        var request = Signed(body, StoreApp.WebhookSecret, at);
        request.Content = Json(body.Replace("\"amount\":", "\"amount\": 1"));
        return request;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
