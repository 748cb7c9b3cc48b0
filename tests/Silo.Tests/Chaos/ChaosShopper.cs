using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PacificEdge.Silo.Tests.Chaos;

/// <summary>
/// One shopper placing and paying orders back to back through the web process, as a careful client does under
/// faults (<see cref="RetryingClient"/>): a new cart, one line, checkout with an Idempotency-Key kept across resends,
/// payment with the sandbox's <c>tok_visa</c>. Signed-in shoppers have a wallet (points); guests use the order token.
/// </summary>
public sealed class ChaosShopper(HttpClient http, ShopperLog log, IReadOnlyList<string> skus, int seed, string email, string? customerId)
{
    private static readonly object ShipTo = new { name = "Chaos Shopper", line1 = "1 Fault Rd", city = "Portland", postalCode = "97201", country = "US" };
    private readonly RetryingClient _client = new(http, log);
    private readonly Random _random = new(seed);

    /// <summary>Runs order after order until <paramref name="stop"/> is cancelled; the order in hand is finished first.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await PlaceOneOrderAsync();
        }
    }

    private async Task PlaceOneOrderAsync()
    {
        var cart = await _client.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "/api/carts"), CancellationToken.None);
        if (cart is not { Status: HttpStatusCode.Created } created)
        {
            return;
        }

        var cartId = JsonDocument.Parse(created.Body).RootElement.GetProperty("cartId").GetString()!;
        var sku = skus[_random.Next(skus.Count)];
        var quantity = 1 + _random.Next(2);
        var line = await _client.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"/api/carts/{cartId}/lines")
        {
            Content = JsonContent.Create(new { sku, quantity }),
        }, CancellationToken.None);
        if (line is not { Status: HttpStatusCode.OK or HttpStatusCode.Created } added)
        {
            return;
        }

        // Adding is not idempotent: a resend after a lost answer adds again. Setting the quantity is.
        if (QuantityOf(added.Body, sku) != quantity)
        {
            var set = await _client.SendAsync(() => new HttpRequestMessage(HttpMethod.Put, $"/api/carts/{cartId}/lines/{sku}")
            {
                Content = JsonContent.Create(new { quantity }),
            }, CancellationToken.None);
            if (set is not { Status: HttpStatusCode.OK })
            {
                return;
            }
        }

        var key = Guid.NewGuid().ToString("N");
        log.KeyTried();
        var checkout = await _client.SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/carts/{cartId}/checkout") { Content = JsonContent.Create(new { email, shipTo = ShipTo }) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }, CancellationToken.None);
        if (checkout is { Status: HttpStatusCode.Conflict } refused && refused.Body.Contains("out_of_stock", StringComparison.Ordinal))
        {
            log.OutOfStockRefusal();
            return;
        }

        if (checkout is not { Status: HttpStatusCode.Created } placed)
        {
            if (checkout is { } other)
            {
                log.UnexpectedAnswer($"checkout {(int)other.Status}: {other.Body}");
            }

            return;
        }

        var order = JsonDocument.Parse(placed.Body).RootElement;
        var acknowledged = new AcknowledgedOrder(order.GetProperty("orderId").GetString()!,
            order.TryGetProperty("accessToken", out var token) ? token.GetString() : null, customerId);
        log.CheckoutAnswered(key, acknowledged);

        var query = acknowledged.AccessToken is null ? "" : $"?token={Uri.EscapeDataString(acknowledged.AccessToken)}";
        var pay = await _client.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{acknowledged.OrderId}/pay{query}")
        {
            Content = JsonContent.Create(new { cardToken = "tok_visa" }),
        }, CancellationToken.None);
        switch (pay)
        {
            case { Status: HttpStatusCode.Accepted }:
            // A resend after a lost answer finds the first attempt's payment already through.
            case { Status: HttpStatusCode.Conflict }:
                log.PaymentAccepted(acknowledged.OrderId);
                break;
            case { } other:
                log.UnexpectedAnswer($"pay {(int)other.Status}: {other.Body}");
                break;
        }
    }

    private static int QuantityOf(string cartJson, string sku)
        => JsonDocument.Parse(cartJson).RootElement.GetProperty("lines").EnumerateArray()
            .Where(l => l.GetProperty("sku").GetString() == sku).Sum(l => l.GetProperty("quantity").GetInt32());
}
