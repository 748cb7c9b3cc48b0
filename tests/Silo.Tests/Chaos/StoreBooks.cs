using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PacificEdge.Silo.Tests.Chaos;

/// <summary>The store's books as an admin reads them through the API: orders (list rows and the orders themselves), stock, wallets.</summary>
public sealed class StoreBooks(RetryingClient admin)
{
    /// <summary>An order as the order grain has it.</summary>
    public sealed record OrderState(string OrderId, string CustomerId, string Payment, string Fulfilment, long Version, IReadOnlyList<(string Sku, int Quantity)> Lines);

    /// <summary>An order as the admin list (the projection) shows it.</summary>
    public sealed record OrderRow(string OrderId, string Payment, string Fulfilment, long Version);

    /// <summary>One SKU's stock.</summary>
    public sealed record Stock(string Sku, int OnHand, int Reserved, int Available, int Sold);

    /// <summary>A wallet's balance, held points and the sum of its ledger.</summary>
    public sealed record Wallet(string CustomerId, int Balance, int Held, int LedgerSum);

    public static async Task<StoreBooks> SignInAsync(RetryingClient admin, string email, string password)
    {
        var answer = await admin.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { email, password }),
        }, CancellationToken.None);
        Assert.True(answer is { Status: HttpStatusCode.OK }, $"admin sign-in: {answer?.Status} {answer?.Body}");
        return new StoreBooks(admin);
    }

    /// <summary>Every row of the admin order list, page by page.</summary>
    public async Task<IReadOnlyList<OrderRow>> OrderRowsAsync()
    {
        var rows = new List<OrderRow>();
        for (var page = 1; ; page++)
        {
            var json = await GetAsync($"/api/admin/orders?page={page}&pageSize=100");
            var items = json.GetProperty("items").EnumerateArray().ToList();
            rows.AddRange(items.Select(i => new OrderRow(i.GetProperty("orderId").GetString()!, i.GetProperty("payment").GetString()!,
                i.GetProperty("fulfilment").GetString()!, i.GetProperty("version").GetInt64())));
            if (items.Count < 100)
            {
                return rows;
            }
        }
    }

    /// <summary>The order itself, or null when it does not exist.</summary>
    public async Task<OrderState?> OrderAsync(string orderId)
    {
        var json = await GetAsync($"/api/admin/orders/{orderId}", allowNotFound: true);
        if (json.ValueKind == JsonValueKind.Undefined)
        {
            return null;
        }

        return new OrderState(orderId, json.GetProperty("customerId").GetString()!, json.GetProperty("payment").GetString()!,
            json.GetProperty("fulfilment").GetString()!, json.GetProperty("version").GetInt64(),
            json.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("sku").GetString()!, l.GetProperty("quantity").GetInt32())).ToList());
    }

    /// <summary>What an order still owes (raw JSON), for a failure message that says why a row lags.</summary>
    public async Task<string> EffectsAsync(string orderId)
        => (await GetAsync($"/api/admin/orders/{orderId}/effects")).GetRawText();

    public async Task<IReadOnlyList<Stock>> StockAsync()
        => (await GetAsync("/api/admin/stock")).EnumerateArray().Select(s => new Stock(s.GetProperty("sku").GetString()!,
            s.GetProperty("onHand").GetInt32(), s.GetProperty("reserved").GetInt32(), s.GetProperty("available").GetInt32(), s.GetProperty("sold").GetInt32())).ToList();

    public async Task<Wallet> WalletAsync(string customerId)
    {
        var json = await GetAsync($"/api/admin/customers/{customerId}/points");
        return new Wallet(customerId, json.GetProperty("balance").GetInt32(), json.GetProperty("held").GetInt32(),
            json.GetProperty("ledger").EnumerateArray().Sum(e => e.GetProperty("points").GetInt32()));
    }

    private async Task<JsonElement> GetAsync(string path, bool allowNotFound = false)
    {
        var answer = await admin.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), CancellationToken.None);
        if (allowNotFound && answer is { Status: HttpStatusCode.NotFound })
        {
            return default;
        }

        Assert.True(answer is { Status: HttpStatusCode.OK }, $"GET {path}: {answer?.Status} {answer?.Body}");
        return JsonDocument.Parse(answer!.Value.Body).RootElement.Clone();
    }
}
