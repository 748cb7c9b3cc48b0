using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Interfaces.Payments;

namespace PacificEdge.Benchmarks.EndToEnd;

/// <summary>One guest shopper's order over HTTP, step by step: cart, checkout, signed payment webhook, order Paid.</summary>
public sealed class StoreClient(HttpClient http, string webhookSecret, StepTimer timer)
{
    private static readonly object ShipTo = new { name = "Bench Shopper", line1 = "1 Load St", city = "Portland", postalCode = "97201", country = "US" };

    public async Task<(string OrderId, string Token, Money Total)> CheckoutAsync(string sku)
    {
        var started = Stopwatch.GetTimestamp();
        var cart = await Json(await http.PostAsync("/api/carts", null));
        var cartId = cart.GetProperty("cartId").GetString()!;
        await Json(await http.PostAsJsonAsync($"/api/carts/{cartId}/lines", new { sku, quantity = 1 }));
        timer.Record("cart (create + add line)", Stopwatch.GetElapsedTime(started));

        started = Stopwatch.GetTimestamp();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/carts/{cartId}/checkout")
        {
            Content = JsonContent.Create(new { email = "bench@example.test", shipTo = ShipTo }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        var order = await Json(await http.SendAsync(request));
        timer.Record("checkout", Stopwatch.GetElapsedTime(started));
        var total = order.GetProperty("total");
        return (order.GetProperty("orderId").GetString()!, order.GetProperty("accessToken").GetString()!,
            new Money(total.GetProperty("amount").GetDecimal(), total.GetProperty("currency").GetString()!));
    }

    public async Task PayAsync(string orderId, Money total)
    {
        var body = PaymentWebhookEventBuilder.Build(new PaymentEvent($"evt_{Guid.NewGuid():N}", PaymentEventKind.Succeeded, $"pi_{Guid.NewGuid():N}", orderId, total, DateTimeOffset.UtcNow));
        var webhook = new HttpRequestMessage(HttpMethod.Post, "/webhooks/payments") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        webhook.Headers.TryAddWithoutValidation(PaymentWebhookSignature.HeaderName, PaymentWebhookSignature.Sign(body, webhookSecret, DateTimeOffset.UtcNow));
        var started = Stopwatch.GetTimestamp();
        (await http.SendAsync(webhook)).EnsureSuccessStatusCode();
        timer.Record("payment webhook (stored, 2xx)", Stopwatch.GetElapsedTime(started));
    }

    public async Task WaitPaidAsync(string orderId, string token)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var order = await Json(await http.GetAsync($"/api/orders/{orderId}?token={token}"));
            if (order.GetProperty("payment").GetString() == "Paid")
            {
                timer.Record("webhook to order Paid (polled)", Stopwatch.GetElapsedTime(started));
                return;
            }

            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"Order {orderId} was not paid within 30 s.");
            }

            await Task.Delay(2);
        }
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(text).RootElement.Clone()
            : throw new HttpRequestException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {text}");
    }
}
