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
        await Assertions.Expect(page.GetByTestId("cart-link")).ToHaveTextAsync("Cart (1)");
        await page.GetByTestId("card").SelectOptionAsync("tok_slow"); // pays a moment later, so the page sees it happen

        await FillCheckoutAsync(page);
        await page.GetByTestId("place-order").ClickAsync();
        await page.WaitForURLAsync("**/order.html?id=*");
        await page.EvaluateAsync("window.__sameDocument = true");
        await Assertions.Expect(page.GetByTestId("live")).ToHaveTextAsync("live");
        await Assertions.Expect(page.GetByTestId("payment-status")).ToHaveTextAsync("Paid");
        await Assertions.Expect(page.GetByTestId("fulfilment-status")).ToHaveTextAsync("Being prepared");

        var orderId = OrderIdOf(page);
        var shipmentId = "shp_" + orderId;
        var notice = fixture.App.Services.GetRequiredService<ShipStationSimulator>().MarkShipped(shipmentId, "ups", "1Z999AA10123456784");
        var webhook = new HttpRequestMessage(HttpMethod.Post, "/webhooks/shipping") { Content = new StringContent(notice.Body, Encoding.UTF8, "application/json") };
        webhook.Headers.Add("X-Webhook-Token", StoreApp.ShippingToken);
        (await fixture.App.NewClient().SendAsync(webhook)).EnsureSuccessStatusCode();

        await Assertions.Expect(page.GetByTestId("fulfilment-status")).ToHaveTextAsync("Shipped");
        await Assertions.Expect(page.GetByTestId("tracking")).ToHaveTextAsync("Shipped with UPS — tracking 1Z999AA10123456784");
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

        await FillCheckoutAsync(page);
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

        await FillCheckoutAsync(page);
        await page.GetByTestId("place-order").ClickAsync();
        await page.WaitForURLAsync("**/order.html?id=*");
        await Assertions.Expect(page.GetByTestId("payment-status")).ToHaveTextAsync("Payment declined");
        await Assertions.Expect(page.GetByTestId("decline")).ToHaveTextAsync("Your bank declined the card. Please try another card.");

        await page.GetByTestId("retry-card").SelectOptionAsync("tok_visa");
        await page.GetByTestId("retry-pay").ClickAsync();
        await Assertions.Expect(page.GetByTestId("payment-status")).ToHaveTextAsync("Paid");
        await Assertions.Expect(page.GetByTestId("retry-form")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_checkout_form_starts_empty_with_placeholders_and_autocomplete_hints()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("article[data-sku]")).ToHaveCountAsync(12);

        foreach (var (name, autocomplete) in new[] { ("email", "email"), ("name", "shipping name"), ("line1", "shipping address-line1"), ("city", "shipping address-level2"), ("postalCode", "shipping postal-code"), ("country", "shipping country") })
        {
            var input = page.Locator($"#checkout input[name={name}]");
            Assert.Equal("", await input.InputValueAsync());
            Assert.False(string.IsNullOrWhiteSpace(await input.GetAttributeAsync("placeholder")), $"{name} has a placeholder");
            Assert.Equal(autocomplete, await input.GetAttributeAsync("autocomplete"));
        }
    }

    [Fact]
    public async Task Add_to_cart_buttons_line_up_and_the_grid_keeps_its_place_while_the_catalog_loads()
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 900);
        // Hold the catalog back to see the page as it first paints.
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/api/catalog", async route => { await release.Task; await route.ContinueAsync(); });
        await page.GotoAsync("/");
        var placeholders = await page.Locator("#catalog > *").CountAsync();
        var cartBefore = await page.Locator("aside").BoundingBoxAsync();
        var gridBefore = await page.GetByTestId("catalog").BoundingBoxAsync();
        release.SetResult();
        await Assertions.Expect(page.Locator("article[data-sku]")).ToHaveCountAsync(12);

        Assert.Equal(12, placeholders);
        var gridAfter = await page.GetByTestId("catalog").BoundingBoxAsync();
        var cartAfter = await page.Locator("aside").BoundingBoxAsync();
        Assert.Equal(gridBefore!.Height, gridAfter!.Height, 1.0);
        Assert.Equal(cartBefore!.Y, cartAfter!.Y, 1.0);
        var buttons = await page.Locator("[data-testid=add-to-cart]").EvaluateAllAsync<double[]>(
            "els => els.slice(0, 3).map(e => e.getBoundingClientRect().bottom)");
        Assert.Equal(3, buttons.Length);
        Assert.All(buttons, bottom => Assert.Equal(buttons[0], bottom, 1.0)); // the first row's buttons share a baseline
    }

    [Fact]
    public async Task The_storefront_links_a_favicon_that_exists_and_has_a_description()
    {
        var client = fixture.App.NewClient();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");

        var icon = await page.Locator("link[rel=icon]").GetAttributeAsync("href");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(icon)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/favicon.ico")).StatusCode); // browsers ask for it anyway
        Assert.False(string.IsNullOrWhiteSpace(await page.Locator("meta[name=description]").GetAttributeAsync("content")));
    }

    /// <summary>Fills the checkout form as a shopper types it (it starts empty).</summary>
    internal static async Task FillCheckoutAsync(IPage page, string email = "buyer@example.test")
    {
        await page.Locator("#checkout input[name=email]").FillAsync(email);
        await page.Locator("#checkout input[name=name]").FillAsync("Grace Hopper");
        await page.Locator("#checkout input[name=line1]").FillAsync("7 Compiler Lane");
        await page.Locator("#checkout input[name=city]").FillAsync("Arlington");
        await page.Locator("#checkout input[name=postalCode]").FillAsync("22201");
        await page.Locator("#checkout input[name=country]").FillAsync("us");
    }

    internal static string OrderIdOf(IPage page)
        => System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query)["id"] ?? throw new InvalidOperationException($"no order id in {page.Url}");

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
