using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PacificEdge.Grains.Integration.Shipping;
using PacificEdge.Simulators.Shipping;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Browser;

/// <summary>Real pages in headless Chromium; SignalR through the real browser client.</summary>
public sealed class StorefrontBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_shopper_buys_with_a_sandbox_card_and_watches_the_order_turn_paid_then_shipped_without_reloading()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("article[data-sku='PE-TB500-5MG'] [data-testid=add-to-cart]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("cart-lines").Locator("li")).ToHaveCountAsync(1);
        await page.GetByTestId("card").SelectOptionAsync("tok_slow"); // pays a moment later, so the page sees it happen

        await page.GetByTestId("place-order").ClickAsync();
        await page.WaitForURLAsync("**/order.html?id=*");
        await page.EvaluateAsync("window.__sameDocument = true");
        await Assertions.Expect(page.GetByTestId("live")).ToHaveTextAsync("live");
        await Assertions.Expect(page.GetByTestId("payment-status")).ToHaveTextAsync("Paid");
        await Assertions.Expect(page.GetByTestId("fulfilment-status")).ToHaveTextAsync("InProgress");

        var orderId = await page.GetByTestId("order-id").InnerTextAsync();
        var shipmentId = "shp_" + orderId;
        var notice = fixture.App.Services.GetRequiredService<ShipStationSimulator>().MarkShipped(shipmentId, "ups", "1Z999AA10123456784");
        var webhook = new HttpRequestMessage(HttpMethod.Post, "/webhooks/shipping") { Content = new StringContent(notice.Body, Encoding.UTF8, "application/json") };
        webhook.Headers.Add("X-Webhook-Token", StoreApp.ShippingToken);
        (await fixture.App.NewClient().SendAsync(webhook)).EnsureSuccessStatusCode();

        await Assertions.Expect(page.GetByTestId("fulfilment-status")).ToHaveTextAsync("Shipped");
        await Assertions.Expect(page.GetByTestId("tracking")).ToContainTextAsync("1Z999AA10123456784");
        Assert.True(await page.EvaluateAsync<bool>("window.__sameDocument === true"));
    }

    [Fact]
    public async Task A_guest_over_the_unit_limit_sees_why_the_order_was_refused_and_what_to_do()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        var add = page.Locator("article[data-sku='PE-DSIP-5MG'] [data-testid=add-to-cart]");
        var line = page.GetByTestId("cart-lines").Locator("li[data-sku='PE-DSIP-5MG']");
        for (var units = 1; units <= 6; units++)
        {
            await add.ClickAsync();
            await Assertions.Expect(line).ToContainTextAsync($"{units} ×");
        }

        await page.GetByTestId("place-order").ClickAsync();

        await Assertions.Expect(page.GetByTestId("checkout-error")).ToContainTextAsync("Guest checkouts are limited to 5 units of each product");
        await Assertions.Expect(page.GetByTestId("checkout-error")).ToContainTextAsync("sign in to order more");
        await Assertions.Expect(page.GetByTestId("place-order")).ToBeEnabledAsync();
        Assert.EndsWith("/", page.Url);
    }

    [Fact]
    public async Task A_declined_card_shows_the_failure_and_a_retry_with_another_card_pays()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("article[data-sku='PE-KPV-10MG'] [data-testid=add-to-cart]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("cart-lines").Locator("li")).ToHaveCountAsync(1);
        await page.GetByTestId("card").SelectOptionAsync("tok_chargeDeclined");

        await page.GetByTestId("place-order").ClickAsync();
        await page.WaitForURLAsync("**/order.html?id=*");
        await Assertions.Expect(page.GetByTestId("payment-status")).ToHaveTextAsync("Failed");
        await Assertions.Expect(page.GetByTestId("decline")).ToContainTextAsync("card_declined");

        await page.GetByTestId("retry-card").SelectOptionAsync("tok_visa");
        await page.GetByTestId("retry-pay").ClickAsync();
        await Assertions.Expect(page.GetByTestId("payment-status")).ToHaveTextAsync("Paid");
        await Assertions.Expect(page.GetByTestId("retry-form")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_admin_dashboard_shows_a_new_order_live_and_the_counter_moves()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/admin.html");
        await page.Locator("input[name=email]").FillAsync(StoreApp.AdminEmail);
        await page.Locator("input[name=password]").FillAsync(StoreApp.AdminPassword);
        await page.GetByTestId("login").ClickAsync();
        await Assertions.Expect(page.GetByTestId("live")).ToHaveTextAsync("live");
        var before = int.Parse(await page.GetByTestId("orders-total").InnerTextAsync());

        var shopper = fixture.App.NewClient();
        var cartId = await Shopper.NewCartAsync(shopper, ("PE-NAD-500MG", 1));
        var order = await (await Shopper.CheckoutAsync(shopper, cartId, "dashboard")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var orderId = order.GetProperty("orderId").GetString()!;

        await Assertions.Expect(page.Locator($"tr[data-order-id='{orderId}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("orders-total")).Not.ToHaveTextAsync(before.ToString());
        Assert.True(int.Parse(await page.GetByTestId("orders-total").InnerTextAsync()) > before);

        await page.Locator($"tr[data-order-id='{orderId}']").ClickAsync();
        await Assertions.Expect(page.GetByTestId("order-detail")).ToContainTextAsync(orderId);
    }
}
