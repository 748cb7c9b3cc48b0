using PacificEdge.Testing;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PacificEdge.WebFrontend.Tests.Support;

/// <summary>What a shopper does over HTTP, as the storefront page does it.</summary>
public static class Shopper
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static readonly object ShipTo = new { name = "Ada Lovelace", line1 = "1 Analytical Way", city = "London", postalCode = "N1 9GU", country = "GB" };

    public static async Task<string> NewCartAsync(HttpClient client, params (string Sku, int Quantity)[] lines)
    {
        var created = await client.PostAsync("/api/carts", null);
        created.EnsureSuccessStatusCode();
        var cartId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cartId").GetString()!;
        foreach (var (sku, quantity) in lines)
        {
            (await client.PostAsJsonAsync($"/api/carts/{cartId}/lines", new { sku, quantity })).EnsureSuccessStatusCode();
        }

        return cartId;
    }

    public static async Task<HttpResponseMessage> CheckoutAsync(HttpClient client, string cartId, string key, int points = 0, string email = "buyer@example.test")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/carts/{cartId}/checkout")
        {
            Content = JsonContent.Create(new { email, shipTo = ShipTo, pointsToRedeem = points }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    /// <summary>Cart, checkout and pay; returns the order id and (for guests) its access token.</summary>
    public static async Task<(string OrderId, string? Token)> BuyAsync(HttpClient client, string card = "tok_visa", string sku = "PE-BPC157-5MG")
    {
        var cartId = await NewCartAsync(client, (sku, 1));
        var checkout = await CheckoutAsync(client, cartId, Guid.NewGuid().ToString("N"));
        checkout.EnsureSuccessStatusCode();
        var body = await checkout.Content.ReadFromJsonAsync<JsonElement>();
        var orderId = body.GetProperty("orderId").GetString()!;
        var token = body.GetProperty("accessToken").GetString();
        var query = token is null ? "" : $"?token={token}";
        (await client.PostAsJsonAsync($"/api/orders/{orderId}/pay{query}", new { cardToken = card })).EnsureSuccessStatusCode();
        return (orderId, token);
    }

    public static async Task<JsonElement> OrderAsync(HttpClient client, string orderId, string? token = null)
    {
        var response = await client.GetAsync($"/api/orders/{orderId}{(token is null ? "" : $"?token={token}")}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<JsonElement> WaitForPaymentAsync(HttpClient client, string orderId, string status, string? token = null)
        => Eventually.WaitAsync(() => OrderAsync(client, orderId, token), o => o.GetProperty("payment").GetString() == status, $"order {orderId} to be {status}");

    public static Task<JsonElement> WaitForFulfilmentAsync(HttpClient client, string orderId, string status, string? token = null)
        => Eventually.WaitAsync(() => OrderAsync(client, orderId, token), o => o.GetProperty("fulfilment").GetString() == status, $"order {orderId} to be {status}");
}
