using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PacificEdge.Testing;
using PacificEdge.WebFrontend.Data;
using PacificEdge.WebFrontend.Tests.Support;
using PacificEdge.WebFrontend.Tests.Webhooks;

namespace PacificEdge.WebFrontend.Tests.Browser;

/// <summary>Every admin console screen and action in headless Chromium, plus screenshots of the main screens for reviewers.</summary>
public sealed partial class AdminConsoleBrowserTests(AdminConsoleFixture fixture) : IClassFixture<AdminConsoleFixture>
{
    [Fact]
    public async Task The_dashboard_draws_charts_with_titled_axes_shows_revenue_with_its_currency_and_counts_activations()
    {
        var (customer, _) = await fixture.App.NewCustomerAsync("dash-chart");
        var (orderId, _) = await Shopper.BuyAsync(customer);
        await Shopper.WaitForPaymentAsync(customer, orderId, "Paid");
        var errors = new List<string>();
        var page = await fixture.NewAdminPageAsync(errors);

        await page.GotoAsync("/admin.html#dashboard");
        await Assertions.Expect(page.GetByTestId("live")).ToHaveTextAsync("live");
        await Assertions.Expect(page.GetByTestId("revenue-today")).ToContainTextAsync("$");
        await Assertions.Expect(page.GetByTestId("silos")).ToHaveTextAsync(SilosAndActivations());
        await Assertions.Expect(page.Locator($"#recent-orders tr[data-order-id='{orderId}']")).ToBeVisibleAsync();

        var axes = await page.EvaluateAsync<string[]>(
            "() => ['orders-chart', 'revenue-chart'].flatMap(id => { const c = Chart.getChart(id); return [c.options.scales.x.title.text, c.options.scales.y.title.text, String(c.data.labels.length)]; })");
        Assert.Equal(["Minutes ago", "Orders", "15", "Day (UTC)", "Net revenue (USD)", "14"], axes);
        var revenueTick = await page.EvaluateAsync<string>("() => { const c = Chart.getChart('revenue-chart'); return c.scales.y.ticks.at(-1).label; }");
        Assert.StartsWith("$", revenueTick);
        Assert.DoesNotContain(errors, e => !e.Contains("favicon", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Orders_are_searched_opened_with_items_customer_address_and_timeline_then_refunded_and_cancelled()
    {
        var (customer, customerId) = await fixture.App.NewCustomerAsync("console-orders");
        var (paid, _) = await Shopper.BuyAsync(customer, sku: "PE-SEMAX-10MG");
        await Shopper.WaitForPaymentAsync(customer, paid, "Paid");
        var cartId = await Shopper.NewCartAsync(customer, ("PE-DSIP-5MG", 1));
        var unpaid = (await (await Shopper.CheckoutAsync(customer, cartId, Guid.NewGuid().ToString("N"))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString()!;
        var page = await fixture.NewAdminPageAsync();

        await page.GotoAsync("/admin.html#orders");
        await page.GetByTestId("order-search").FillAsync(customerId);
        await page.GetByTestId("order-payment").SelectOptionAsync("Paid");
        await page.GetByTestId("order-apply").ClickAsync();
        await Assertions.Expect(page.Locator("#order-rows tr")).ToHaveCountAsync(1);
        await page.Locator($"#order-rows a[href='#orders/{paid}']").ClickAsync();

        var detail = page.GetByTestId("order-detail");
        await Assertions.Expect(page.GetByTestId("detail-id")).ToHaveTextAsync(paid);
        await Assertions.Expect(page.GetByTestId("detail-lines")).ToContainTextAsync("PE-SEMAX-10MG");
        await Assertions.Expect(page.GetByTestId("detail-customer")).ToContainTextAsync("buyer@example.test");
        Assert.Equal($"#customers/{customerId}", await page.GetByTestId("detail-customer").Locator("a").GetAttributeAsync("href"));
        await Assertions.Expect(page.GetByTestId("detail-address")).ToContainTextAsync("1 Analytical Way");
        await Assertions.Expect(page.Locator("#detail-timeline time")).Not.ToHaveCountAsync(0);
        Assert.Matches(TimelineTime(), await page.Locator("#detail-timeline time").First.InnerTextAsync());

        await page.GetByTestId("refund-amount").FillAsync("5.00");
        await page.GetByTestId("refund-reason").FillAsync("scuffed box");
        await page.GetByTestId("refund").ClickAsync();
        await Assertions.Expect(page.GetByTestId("detail-result")).ToHaveTextAsync("Refunded.");
        await Assertions.Expect(page.GetByTestId("detail-status")).ToContainTextAsync("PartiallyRefunded");
        await Assertions.Expect(page.GetByTestId("detail-money")).ToContainTextAsync("refunded $5.00");
        await Assertions.Expect(page.GetByTestId("detail-timeline")).ToContainTextAsync("scuffed box");

        await page.GotoAsync($"/admin.html#orders/{unpaid}");
        await Assertions.Expect(page.GetByTestId("detail-id")).ToHaveTextAsync(unpaid);
        await page.GetByTestId("cancel-reason").FillAsync("customer changed mind");
        await page.GetByTestId("cancel").ClickAsync();
        await Assertions.Expect(page.GetByTestId("detail-status")).ToContainTextAsync("Cancelled");
        await Assertions.Expect(detail).ToContainTextAsync("customer changed mind");
    }

    [Fact]
    public async Task Products_are_created_and_edited_with_lot_and_certificate_and_their_stock_is_set()
    {
        var page = await fixture.NewAdminPageAsync();
        await page.GotoAsync("/admin.html#products");
        await Assertions.Expect(page.Locator("#product-rows tr[data-sku]")).Not.ToHaveCountAsync(0);

        await page.Locator("#new-product").ClickAsync();
        await page.GetByTestId("product-sku").FillAsync("PE-CONSOLE-1");
        await page.GetByTestId("product-name").FillAsync("Console peptide");
        await page.GetByTestId("product-price").FillAsync("12.34");
        await page.GetByTestId("product-lot").FillAsync("LOT-C1");
        await page.GetByTestId("product-certificate").FillAsync("https://coa.example/LOT-C1.pdf");
        await page.GetByTestId("product-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("product-result")).ToHaveTextAsync("Saved PE-CONSOLE-1.");
        var row = page.Locator("#product-rows tr[data-sku='PE-CONSOLE-1']");
        await Assertions.Expect(row).ToContainTextAsync("$12.34");

        await row.GetByRole(AriaRole.Button, new() { Name = "Edit PE-CONSOLE-1" }).ClickAsync();
        await page.GetByTestId("product-price").FillAsync("15.00");
        await page.GetByTestId("product-lot").FillAsync("LOT-C2");
        await page.GetByTestId("product-save").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("$15.00");
        await Assertions.Expect(row).ToContainTextAsync("LOT-C2");

        await page.GetByTestId("stock-units").FillAsync("12");
        await page.GetByTestId("stock-reason").FillAsync("delivery");
        await page.GetByTestId("stock-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("stock-result")).ToHaveTextAsync("Stock of PE-CONSOLE-1 set to 12.");
        await Assertions.Expect(row.Locator("[data-testid=on-hand]")).ToHaveTextAsync("12");

        // A SKU outside the catalog is refused with the API's message, not silently stocked.
        await page.GetByTestId("stock-sku").FillAsync("PE-NOWHERE");
        await page.GetByTestId("stock-units").FillAsync("3");
        await page.GetByTestId("stock-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("stock-result")).ToContainTextAsync("product_not_found");
    }

    [Fact]
    public async Task A_customer_is_found_and_shows_orders_and_wallet_points_are_adjusted_with_a_reason_and_the_role_changed()
    {
        var (customer, customerId) = await fixture.App.NewCustomerAsync("console-wallet");
        var me = await customer.GetFromJsonAsync<JsonElement>("/api/auth/me");
        var email = me.GetProperty("email").GetString()!;
        var (orderId, _) = await Shopper.BuyAsync(customer, sku: "PE-MOTSC-10MG");
        await Shopper.WaitForPaymentAsync(customer, orderId, "Paid");
        var page = await fixture.NewAdminPageAsync();

        await page.GotoAsync("/admin.html#customers");
        await page.GetByTestId("customer-q").FillAsync(email);
        await page.GetByTestId("customer-apply").ClickAsync();
        await Assertions.Expect(page.Locator("#customer-rows tr")).ToHaveCountAsync(1);
        await page.Locator($"#customer-rows tr[data-customer-id='{customerId}'] a").ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-email")).ToHaveTextAsync(email);
        await Assertions.Expect(page.GetByTestId("customer-orders")).ToContainTextAsync(orderId);

        await page.GetByTestId("points-amount").FillAsync("75");
        await page.GetByTestId("points-reason").FillAsync("goodwill gesture");
        await page.GetByTestId("points-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("points-result")).ToHaveTextAsync("Points adjusted.");
        await Assertions.Expect(page.GetByTestId("ledger-rows")).ToContainTextAsync("goodwill gesture");
        var wallet = await fixture.Admin.GetFromJsonAsync<JsonElement>($"/api/admin/customers/{customerId}/points");
        Assert.Contains(wallet.GetProperty("ledger").EnumerateArray(), e => e.GetProperty("kind").GetString() == "Adjustment" && e.GetProperty("points").GetInt32() == 75);
        await Assertions.Expect(page.GetByTestId("wallet-balance")).ToContainTextAsync($"{wallet.GetProperty("balance").GetInt32()} points");

        await page.GetByTestId("role-select").SelectOptionAsync("Staff");
        await page.GetByTestId("role-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("role-result")).ToContainTextAsync("Now Staff");
        var detail = await fixture.Admin.GetFromJsonAsync<JsonElement>($"/api/admin/customers/{customerId}");
        Assert.Equal("Staff", detail.GetProperty("customer").GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_failed_webhook_is_replayed_an_email_is_resent_and_an_alert_is_acknowledged()
    {
        var eventId = $"evt_console_{Guid.NewGuid():N}";
        (await PaymentWebhookTests.PostSignedAsync(fixture.App.NewClient(), PaymentWebhookTests.EventJson(eventId, "ord_00000000000000000000"))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(
            () => fixture.Admin.GetFromJsonAsync<JsonElement>("/api/admin/webhooks?status=Failed&limit=500"),
            e => e.EnumerateArray().Any(w => w.GetProperty("eventId").GetString() == eventId), "the failed event");
        var (customer, _) = await fixture.App.NewCustomerAsync("console-email");
        var (orderId, _) = await Shopper.BuyAsync(customer, sku: "PE-NAD-500MG");
        var emails = await Eventually.WaitAsync(
            () => fixture.Admin.GetFromJsonAsync<JsonElement>("/api/admin/emails?status=Sent&limit=500"),
            e => e.EnumerateArray().Any(m => m.GetProperty("key").GetString()!.Contains(orderId, StringComparison.Ordinal)), "a sent email", TimeSpan.FromSeconds(60));
        var emailId = emails.EnumerateArray().First(m => m.GetProperty("key").GetString()!.Contains(orderId, StringComparison.Ordinal)).GetProperty("id").GetInt64();
        var alert = await fixture.App.Services.GetRequiredService<AdminQueries>().RaiseAlertAsync("console_test", "an alert for the console test", 2, 1, CancellationToken.None);
        var page = await fixture.NewAdminPageAsync();

        await page.GotoAsync("/admin.html#webhooks");
        await page.GetByTestId("webhook-status").SelectOptionAsync("Failed");
        await page.GetByTestId("webhook-apply").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Replay event {eventId}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("webhook-result")).ToContainTextAsync("queued again");

        await page.GotoAsync("/admin.html#emails");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Resend email {emailId}", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("email-result")).ToHaveTextAsync($"Email {emailId} queued to be sent again.");

        await page.GotoAsync("/admin.html#alerts");
        await page.GetByTestId("alert-open").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Acknowledge alert {alert.Id}", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("alert-result")).ToHaveTextAsync($"Alert {alert.Id} acknowledged.");
        await Assertions.Expect(page.Locator($"#alert-rows tr[data-alert-id='{alert.Id}']")).ToHaveCountAsync(0);
        await page.GetByTestId("alert-open").UncheckAsync();
        await Assertions.Expect(page.Locator($"#alert-rows tr[data-alert-id='{alert.Id}']")).ToContainTextAsync("Acknowledged");
    }

    [Fact]
    public async Task The_cluster_screen_lists_the_silo_with_activations_and_links_the_orleans_dashboard()
    {
        var (customer, _) = await fixture.App.NewCustomerAsync("console-cluster");
        await Shopper.BuyAsync(customer);
        var page = await fixture.NewAdminPageAsync();

        await page.GotoAsync("/admin.html#cluster");
        await Assertions.Expect(page.Locator("#silo-rows tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#silo-rows tr")).ToContainTextAsync("Active");
        Assert.True(int.Parse(await page.Locator("#silo-rows tr td").Nth(2).InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("/orleans-dashboard/", await page.GetByTestId("orleans-dashboard").GetAttributeAsync("href"));
    }

    [Fact]
    public async Task Staff_see_no_admin_only_actions_and_sign_out_back_to_the_sign_in_form()
    {
        var (_, email) = await StaffAccounts.SignedInStaffAsync(fixture.App, "console-staff");
        var (customer, _) = await fixture.App.NewCustomerAsync("staff-view");
        var (orderId, _) = await Shopper.BuyAsync(customer);
        await using var context = await fixture.NewContextAsync(1280, 900);
        var page = await context.NewPageAsync();
        await AdminConsoleFixture.SignInAsync(page, email, StaffAccounts.Password);
        await Assertions.Expect(page.GetByTestId("who")).ToContainTextAsync("(Staff)");

        await page.GotoAsync($"/admin.html#orders/{orderId}");
        await Assertions.Expect(page.GetByTestId("detail-id")).ToHaveTextAsync(orderId);
        await Assertions.Expect(page.GetByTestId("refund-form")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("cancel-form")).ToBeVisibleAsync();
        await page.GotoAsync("/admin.html#products");
        await Assertions.Expect(page.Locator("#product-rows tr[data-sku]")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("product-form")).ToBeHiddenAsync();

        await page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-form")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#console")).ToBeHiddenAsync();
        var session = await page.EvaluateAsync<JsonElement>("() => fetch('/api/admin/session').then(r => r.json())");
        Assert.False(session.GetProperty("signedIn").GetBoolean());
    }

    [Fact]
    public async Task Screenshots_of_the_main_screens_at_desktop_and_phone_width_are_saved_without_console_errors()
    {
        var (customer, customerId) = await fixture.App.NewCustomerAsync("screenshots");
        var (orderId, _) = await Shopper.BuyAsync(customer);
        await Shopper.WaitForPaymentAsync(customer, orderId, "Paid");
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var screens = new (string Name, string Hash, string Ready)[]
        {
            ("dashboard", "#dashboard", $"#recent-orders tr[data-order-id='{orderId}']"),
            ("orders", $"#orders/{orderId}", "#detail-timeline time"),
            ("products", "#products", "#product-rows tr[data-sku]"),
            ("customers", $"#customers/{customerId}", "#customer-orders a"),
            ("webhooks", "#webhooks", "#webhook-rows tr"),
            ("emails", "#emails", "#email-rows tr"),
            ("alerts", "#alerts", "#alert-rows tr"),
            ("cluster", "#cluster", "#silo-rows tr"),
        };
        var errors = new List<string>();
        var cookies = await fixture.AdminContext.CookiesAsync();
        foreach (var width in new[] { 1280, 390 })
        {
            await using var context = await fixture.NewContextAsync(width, width == 1280 ? 900 : 844);
            await context.AddCookiesAsync(cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite }));
            var page = AdminConsoleFixture.Watch(await context.NewPageAsync(), errors);
            foreach (var (name, hash, ready) in screens)
            {
                // A full load per screen (a hash change alone would not reload), so each screen's layout shifts are its own.
                await page.GotoAsync("about:blank");
                await page.GotoAsync($"/admin.html{hash}");
                await Assertions.Expect(page.Locator(ready).First).ToBeAttachedAsync();
                if (name == "dashboard")
                {
                    await Assertions.Expect(page.GetByTestId("live")).ToHaveTextAsync("live");
                    await Assertions.Expect(page.GetByTestId("revenue-today")).ToContainTextAsync("$");
                }

                var file = Path.Combine(folder, $"admin-{name}-{width}.png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
                Assert.True(new FileInfo(file).Length > 5_000, $"{file} is (nearly) empty");
                Assert.Equal(1, await page.Locator("h1").CountAsync());
                var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
                Assert.False(overflow, $"the {name} screen scrolls sideways at {width} px");
                var shift = await page.EvaluateAsync<double>(LayoutShiftScript);
                Assert.True(shift < 0.1, $"the {name} screen shifted its layout by {shift} at {width} px (Lighthouse wants CLS < 0.1)");
            }
        }

        Assert.DoesNotContain(errors, e => !e.Contains("favicon", StringComparison.Ordinal));
    }

    // Sum of the page's layout shifts not caused by input so far (buffered entries arrive in the observer's first call).
    private const string LayoutShiftScript = """
        () => new Promise(resolve => {
          let sum = 0;
          new PerformanceObserver(list => {
            for (const entry of list.getEntries()) if (!entry.hadRecentInput) sum += entry.value;
            resolve(sum);
          }).observe({ type: "layout-shift", buffered: true });
          setTimeout(() => resolve(sum), 1000);
        })
        """;

    [GeneratedRegex(@"\d{1,2}:\d{2}:\d{2}")]
    private static partial Regex TimelineTime();

    [GeneratedRegex(@"^1 / [1-9]\d*$")]
    private static partial Regex SilosAndActivations();
}
