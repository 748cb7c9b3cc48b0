using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PacificEdge.Simulators.Shipping;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Browser;

/// <summary>The shopper's order page in headless Chromium: words, not codes; items, totals, address; local times; phone width.</summary>
public sealed class OrderPageBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const int Desktop = 1280;
    private const int Phone = 390;

    [Fact]
    public async Task The_order_page_shows_items_address_and_statuses_in_words_in_the_shoppers_time_zone_and_no_internal_ids()
    {
        var guest = fixture.App.NewClient();
        var (orderId, token) = await PaidOrderAsync(guest);
        var page = await NewPageAsync(Desktop, timeZone: "Asia/Tokyo");

        await page.GotoAsync($"/order.html?id={orderId}&token={token}");
        await Assertions.Expect(page.GetByTestId("payment-status")).ToHaveTextAsync("Paid");
        await Assertions.Expect(page.GetByTestId("fulfilment-status")).ToHaveTextAsync("Being prepared");
        await Assertions.Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Paid — being prepared for shipping.");

        var order = await Shopper.OrderAsync(guest, orderId, token);
        var rows = page.GetByTestId("items").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync(order.GetProperty("lines")[0].GetProperty("name").GetString()!);
        await Assertions.Expect(rows.Nth(0).Locator("td").Nth(1)).ToHaveTextAsync("2");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync(order.GetProperty("lines")[1].GetProperty("name").GetString()!);
        await Assertions.Expect(page.GetByTestId("totals")).ToContainTextAsync("Total");
        await Assertions.Expect(page.GetByTestId("totals")).ToContainTextAsync("129.85");
        await Assertions.Expect(page.GetByTestId("ship-to")).ToContainTextAsync("Ada Lovelace");
        await Assertions.Expect(page.GetByTestId("ship-to")).ToContainTextAsync("1 Analytical Way");
        await Assertions.Expect(page.GetByTestId("ship-to")).ToContainTextAsync("United Kingdom");

        // Times are the browser's zone (Tokyo is UTC+9 all year), from the API's UTC.
        var created = order.GetProperty("createdAt").GetDateTimeOffset();
        var placed = page.GetByTestId("order-placed").Locator("time");
        Assert.Equal(created, DateTimeOffset.Parse(await placed.GetAttributeAsync("datetime") ?? "", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(placed).ToContainTextAsync(created.ToOffset(TimeSpan.FromHours(9)).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Order placed");
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Payment received");

        await ShipAsync(orderId, "ups", "1Z999AA10123456784");
        await Assertions.Expect(page.GetByTestId("fulfilment-status")).ToHaveTextAsync("Shipped");
        await Assertions.Expect(page.GetByTestId("tracking")).ToHaveTextAsync("Shipped with UPS — tracking 1Z999AA10123456784");
        Assert.False(string.IsNullOrEmpty(await page.GetByTestId("tracking").Locator("a").GetAttributeAsync("href")));
        await DeliverAsync(orderId);
        await Assertions.Expect(page.GetByTestId("fulfilment-status")).ToHaveTextAsync("Delivered");
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Delivered");

        var text = await page.Locator("main").InnerTextAsync();
        var shown = await Shopper.OrderAsync(guest, orderId, token);
        foreach (var secret in new[] { orderId, shown.GetProperty("paymentId").GetString()!, shown.GetProperty("shipmentId").GetString()!, "payment.", "fulfilment.", "order.created", "InProgress", " lines", "version" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task At_phone_width_a_declined_card_is_explained_and_another_card_pays()
    {
        var guest = fixture.App.NewClient();
        var (orderId, token) = await Shopper.BuyAsync(guest, card: "tok_insufficientFunds", sku: "PE-KPV-10MG");
        var page = await NewPageAsync(Phone);

        await page.GotoAsync($"/order.html?id={orderId}&token={token}");
        await Assertions.Expect(page.GetByTestId("payment-status")).ToHaveTextAsync("Payment declined");
        await Assertions.Expect(page.GetByTestId("decline")).ToHaveTextAsync("The card does not have enough funds. Please try another card.");
        Assert.DoesNotContain("insufficient_funds", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await AssertFitsAsync(page, Phone);

        await page.GetByTestId("retry-card").SelectOptionAsync("tok_visa");
        await page.GetByTestId("retry-pay").ClickAsync();
        await Assertions.Expect(page.GetByTestId("payment-status")).ToHaveTextAsync("Paid");
        await Assertions.Expect(page.GetByTestId("retry-form")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Payment declined");
        await AssertFitsAsync(page, Phone);
    }

    [Fact]
    public async Task Screenshots_of_the_storefront_and_the_order_page_at_desktop_and_phone_width_are_saved()
    {
        var guest = fixture.App.NewClient();
        var (orderId, token) = await PaidOrderAsync(guest);
        await Shopper.WaitForFulfilmentAsync(guest, orderId, "InProgress", token);
        await ShipAsync(orderId, "ups", "1Z999AA10123456785");
        await Shopper.WaitForFulfilmentAsync(guest, orderId, "Shipped", token);
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);

        foreach (var width in new[] { Desktop, Phone })
        {
            var page = await NewPageAsync(width);
            await page.GotoAsync("/");
            await Assertions.Expect(page.Locator("article[data-sku]")).ToHaveCountAsync(12);
            await AssertFitsAsync(page, width);
            // Fixed-size cards must still show all they hold (nothing clipped) at this width.
            Assert.True(await page.EvaluateAsync<bool>("[...document.querySelectorAll('article.card')].every(c => c.scrollHeight <= c.clientHeight + 1)"),
                $"every product card shows its whole content at {width} px");
            var store = Path.Combine(folder, $"store-{width}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = store, FullPage = true });

            await page.GotoAsync($"/order.html?id={orderId}&token={token}");
            await Assertions.Expect(page.GetByTestId("live")).ToHaveTextAsync("live");
            await Assertions.Expect(page.GetByTestId("fulfilment-status")).ToHaveTextAsync("Shipped");
            await AssertFitsAsync(page, width);
            var order = Path.Combine(folder, $"order-{width}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = order, FullPage = true });
            await page.Context.CloseAsync();

            Assert.True(new FileInfo(store).Length > 10_000, $"{store} holds a real screenshot");
            Assert.True(new FileInfo(order).Length > 10_000, $"{order} holds a real screenshot");
        }
    }

    /// <summary>Nothing sticks out sideways: no horizontal scrolling at this width.</summary>
    private static async Task AssertFitsAsync(IPage page, int width)
        => Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, $"the page fits in {width} px");

    private async Task<IPage> NewPageAsync(int width, string? timeZone = null)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = width == Phone ? 844 : 900 },
            Locale = "en-GB",
            TimezoneId = timeZone,
        });
        context.SetDefaultTimeout(90_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>A guest's paid order of two products (2 + 1 units), as the storefront makes it.</summary>
    private static async Task<(string OrderId, string Token)> PaidOrderAsync(HttpClient guest)
    {
        var cartId = await Shopper.NewCartAsync(guest, ("PE-NAD-500MG", 2), ("PE-BACWATER-30ML", 1));
        var checkout = await Shopper.CheckoutAsync(guest, cartId, Guid.NewGuid().ToString("N"));
        checkout.EnsureSuccessStatusCode();
        var body = await checkout.Content.ReadFromJsonAsync<JsonElement>();
        var orderId = body.GetProperty("orderId").GetString()!;
        var token = body.GetProperty("accessToken").GetString()!;
        (await guest.PostAsJsonAsync($"/api/orders/{orderId}/pay?token={token}", new { cardToken = "tok_visa" })).EnsureSuccessStatusCode();
        await Shopper.WaitForPaymentAsync(guest, orderId, "Paid", token);
        return (orderId, token);
    }

    private Task ShipAsync(string orderId, string carrier, string tracking)
        => PostShippingAsync(fixture.App.Services.GetRequiredService<ShipStationSimulator>().MarkShipped("shp_" + orderId, carrier, tracking).Body);

    private Task DeliverAsync(string orderId)
        => PostShippingAsync(fixture.App.Services.GetRequiredService<ShipStationSimulator>().MarkDelivered("shp_" + orderId).Body);

    private async Task PostShippingAsync(string body)
    {
        var webhook = new HttpRequestMessage(HttpMethod.Post, "/webhooks/shipping") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        webhook.Headers.Add("X-Webhook-Token", StoreApp.ShippingToken);
        (await fixture.App.NewClient().SendAsync(webhook)).EnsureSuccessStatusCode();
    }
}
