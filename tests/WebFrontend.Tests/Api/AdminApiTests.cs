using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PacificEdge.Testing;
using PacificEdge.WebFrontend.Data;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Api;

/// <summary>The admin API's hygiene: strict bodies, stable codes on every 4xx, roles, and the new admin reads and actions.</summary>
public sealed class AdminApiTests(AdminStoreFixture store) : IClassFixture<AdminStoreFixture>
{
    private const string Sku = "PE-BPC157-5MG";

    [Fact]
    public async Task Stock_writes_need_units_refuse_unknown_fields_bad_values_and_skus_outside_the_catalog_and_never_zero_the_stock()
    {
        var admin = store.Admin;
        (await PutStockAsync(admin, Sku, """{"units": 37, "reason": "count"}""")).EnsureSuccessStatusCode();

        await AssertProblemAsync(await PutStockAsync(admin, Sku, """{"onHand": 5}"""), 400, "unknown_field", "onHand");
        await AssertProblemAsync(await PutStockAsync(admin, Sku, "{}"), 400, "validation_failed", "units");
        await AssertProblemAsync(await PutStockAsync(admin, Sku, """{"units": null}"""), 400, "validation_failed", "units");
        await AssertProblemAsync(await PutStockAsync(admin, Sku, """{"units": -1}"""), 400, "validation_failed", "units");
        await AssertProblemAsync(await PutStockAsync(admin, Sku, """{"units": 2.5}"""), 400, "validation_failed", "units");
        await AssertProblemAsync(await PutStockAsync(admin, Sku, """{"units": "5"}"""), 400, "validation_failed", "units");
        await AssertProblemAsync(await PutStockAsync(admin, Sku, "[5]"), 400, "validation_failed", null);
        await AssertProblemAsync(await PutStockAsync(admin, Sku, "{\"units\": "), 400, "malformed_json", null);
        await AssertProblemAsync(await PutStockAsync(admin, Sku, "units=5", "text/plain"), 415, "unsupported_media_type", null);
        Assert.Equal(37, (await StockAsync(admin))[Sku]);

        await AssertProblemAsync(await PutStockAsync(admin, "PE-NOT-IN-CATALOG", """{"units": 5}"""), 404, "product_not_found", null);
        Assert.DoesNotContain("PE-NOT-IN-CATALOG", (await StockAsync(admin)).Keys);

        var set = await PutStockAsync(admin, Sku, """{"units": 41}""");
        Assert.Equal(41, (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("onHand").GetInt32());
    }

    [Fact]
    public async Task Admins_create_and_edit_products_with_price_lot_and_certificate_link_and_bad_fields_are_named()
    {
        var admin = store.Admin;
        const string sku = "PE-TEST-ADMIN-1";
        var body = new { name = "Test peptide", price = 19.90m, lot = "LOT-A1", certificateUrl = "https://coa.example/LOT-A1.pdf", description = "made by a test", active = true };

        var created = await admin.PutAsJsonAsync($"/api/admin/products/{sku}", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var edited = await admin.PutAsJsonAsync($"/api/admin/products/{sku}", body with { price = 24.50m, lot = "LOT-B2", certificateUrl = "https://coa.example/LOT-B2.pdf" });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);

        var product = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/products")).EnumerateArray().Single(p => p.GetProperty("sku").GetString() == sku);
        Assert.Equal(24.50m, product.GetProperty("price").GetProperty("amount").GetDecimal());
        Assert.Equal("USD", product.GetProperty("price").GetProperty("currency").GetString());
        Assert.Equal("LOT-B2", product.GetProperty("lot").GetString());
        Assert.Equal("https://coa.example/LOT-B2.pdf", product.GetProperty("certificateUrl").GetString());
        Assert.Equal(0, (await StockAsync(admin))[sku]);

        await AssertProblemAsync(await admin.PutAsJsonAsync($"/api/admin/products/{sku}", new { name = "x", price = 1m, lot = "L", certificateUrl = "https://coa.example/x", sku }), 400, "unknown_field", "sku");
        await AssertProblemAsync(await admin.PutAsJsonAsync($"/api/admin/products/{sku}", new { name = "x", lot = "L", certificateUrl = "https://coa.example/x" }), 400, "validation_failed", "price");
        await AssertProblemAsync(await admin.PutAsJsonAsync($"/api/admin/products/{sku}", new { name = "x", price = 1m, lot = "L", certificateUrl = "not a link" }), 400, "validation_failed", "certificateUrl");
        await AssertProblemAsync(await admin.PutAsJsonAsync($"/api/admin/products/{sku}", new { name = "x", price = 1.001m, lot = "L", certificateUrl = "https://coa.example/x" }), 400, "validation_failed", "price");
    }

    [Fact]
    public async Task Every_4xx_of_the_admin_api_carries_a_stable_code()
    {
        var admin = store.Admin;
        var (customer, _) = await store.App.NewCustomerAsync("codes");

        await AssertProblemAsync(await store.App.NewClient().GetAsync("/api/admin/orders"), 401, "unauthorized", null);
        await AssertProblemAsync(await customer.GetAsync("/api/admin/orders"), 403, "forbidden", null);
        await AssertProblemAsync(await admin.GetAsync("/api/admin/orders/ord_00000000000000000000"), 404, "not_found", null);
        await AssertProblemAsync(await admin.GetAsync("/api/admin/orders/not-an-order"), 404, "not_found", null);
        await AssertProblemAsync(await admin.GetAsync("/api/admin/orders?pageSize=1000"), 400, "validation_failed", null);
        await AssertProblemAsync(await admin.GetAsync("/api/admin/customers/nobody-here"), 404, "customer_not_found", null);
        await AssertProblemAsync(await admin.PostAsync("/api/admin/alerts/999999999/acknowledge", null), 404, "alert_not_found", null);
        await AssertProblemAsync(await admin.PostAsync("/api/admin/emails/999999999/resend", null), 409, "not_resendable", null);
        await AssertProblemAsync(await admin.PostAsync("/api/admin/webhooks/999999999/replay", null), 409, "not_replayable", null);
        await AssertProblemAsync(await admin.PostAsJsonAsync("/api/admin/customers/someone/points", new { points = 5 }), 400, "validation_failed", "reason");
        await AssertProblemAsync(await admin.PostAsJsonAsync("/api/admin/customers/someone/points", new { points = 0, reason = "none" }), 400, "validation_failed", "points");
        await AssertProblemAsync(await admin.PostAsJsonAsync("/api/admin/orders/ord_00000000000000000000/refund", new { amount = 5m, reason = "r", currency = "EUR" }), 400, "unknown_field", "currency");
        await AssertProblemAsync(await admin.PostAsJsonAsync("/api/admin/orders/ord_00000000000000000000/cancel", new { why = "r" }), 400, "unknown_field", "why");
    }

    [Fact]
    public async Task An_admin_makes_a_customer_staff_and_back_the_sessions_end_and_an_admin_cannot_change_their_own_role()
    {
        var admin = store.Admin;
        var (_, customerId) = await store.App.NewCustomerAsync("promoted");
        var me = await admin.GetFromJsonAsync<JsonElement>("/api/auth/me");

        var promoted = await admin.PutAsJsonAsync($"/api/admin/customers/{customerId}/role", new { role = "Staff" });
        Assert.Equal("Staff", (await promoted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
        // (The new role comes with a new security stamp, so the old session ends at its next check: AccountSecurityTests.)
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/customers/{customerId}");
        Assert.Equal("Staff", detail.GetProperty("customer").GetProperty("role").GetString());

        await AssertProblemAsync(await admin.PutAsJsonAsync($"/api/admin/customers/{customerId}/role", new { role = "Owner" }), 400, "validation_failed", "role");
        await AssertProblemAsync(await admin.PutAsJsonAsync($"/api/admin/customers/{customerId}/role", new { }), 400, "validation_failed", "role");
        await AssertProblemAsync(await admin.PutAsJsonAsync("/api/admin/customers/usr_nobody/role", new { role = "Staff" }), 404, "not_found", null);
        await AssertProblemAsync(await admin.PutAsJsonAsync($"/api/admin/customers/{me.GetProperty("userId").GetString()}/role", new { role = "Customer" }), 409, "conflict", null);
        var demoted = await admin.PutAsJsonAsync($"/api/admin/customers/{customerId}/role", new { role = "Customer" });
        Assert.Equal("Customer", (await demoted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
    }

    [Fact]
    public async Task Staff_view_and_cancel_but_get_403_on_admin_only_actions_and_customers_get_403_everywhere()
    {
        var (staff, _) = await StaffAccounts.SignedInStaffAsync(store.App, "staff");
        var (customer, customerId) = await store.App.NewCustomerAsync("outsider");
        var cartId = await Shopper.NewCartAsync(customer, ("PE-DSIP-5MG", 1));
        var unpaid = (await (await Shopper.CheckoutAsync(customer, cartId, "staff-cancel")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString()!;
        var alert = await store.App.Services.GetRequiredService<AdminQueries>().RaiseAlertAsync("test_staff", "staff can acknowledge", 1, 0, CancellationToken.None);

        string[] reads = ["/api/admin/orders", $"/api/admin/orders/{unpaid}", "/api/admin/products", "/api/admin/stock", "/api/admin/customers",
            $"/api/admin/customers/{customerId}", "/api/admin/webhooks", "/api/admin/emails", "/api/admin/alerts", "/api/admin/dashboard"];
        foreach (var path in reads)
        {
            Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(path)).StatusCode);
            await AssertProblemAsync(await customer.GetAsync(path), 403, "forbidden", null);
        }

        var adminOnly = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Post, $"/api/admin/orders/{unpaid}/refund", new { amount = 1m, reason = "r" }),
            (HttpMethod.Post, $"/api/admin/orders/{unpaid}/effects/replay", null),
            (HttpMethod.Post, $"/api/admin/customers/{customerId}/points", new { points = 5, reason = "r" }),
            (HttpMethod.Put, $"/api/admin/products/{Sku}", new { name = "x", price = 1m, lot = "L", certificateUrl = "https://coa.example/x" }),
            (HttpMethod.Put, $"/api/admin/products/{Sku}/stock", new { units = 0 }),
            (HttpMethod.Post, "/api/admin/webhooks/1/replay", null),
            (HttpMethod.Post, "/api/admin/emails/1/resend", null),
            (HttpMethod.Put, $"/api/admin/customers/{customerId}/role", new { role = "Admin" }),
        };
        foreach (var (method, path, body) in adminOnly)
        {
            await AssertProblemAsync(await SendAsync(staff, method, path, body), 403, "forbidden", null);
            await AssertProblemAsync(await SendAsync(customer, method, path, body), 403, "forbidden", null);
        }

        Assert.NotEqual(0, (await StockAsync(store.Admin))[Sku]);
        await AssertProblemAsync(await customer.PostAsJsonAsync($"/api/admin/orders/{unpaid}/cancel", new { reason = "r" }), 403, "forbidden", null);
        await AssertProblemAsync(await customer.PostAsync($"/api/admin/alerts/{alert.Id}/acknowledge", null), 403, "forbidden", null);

        var cancelled = await staff.PostAsJsonAsync($"/api/admin/orders/{unpaid}/cancel", new { reason = "customer asked" });
        Assert.Equal("Cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fulfilment").GetString());
        var acknowledged = await (await staff.PostAsync($"/api/admin/alerts/{alert.Id}/acknowledge", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(JsonValueKind.Null, acknowledged.GetProperty("acknowledgedAt").ValueKind);
        var open = await staff.GetFromJsonAsync<JsonElement>("/api/admin/alerts?open=true&limit=500");
        Assert.DoesNotContain(open.EnumerateArray(), a => a.GetProperty("id").GetInt64() == alert.Id);

        var session = await staff.GetFromJsonAsync<JsonElement>("/api/admin/session");
        Assert.Equal("Staff", session.GetProperty("role").GetString());
        var anonymous = await store.App.NewClient().GetFromJsonAsync<JsonElement>("/api/admin/session");
        Assert.False(anonymous.GetProperty("signedIn").GetBoolean());
    }

    [Fact]
    public async Task Customers_are_found_by_email_with_their_orders_and_wallet_and_the_order_shows_its_address()
    {
        var admin = store.Admin;
        var (customer, customerId) = await store.App.NewCustomerAsync("findme");
        var (orderId, _) = await Shopper.BuyAsync(customer, sku: "PE-SEMAX-10MG");
        await Shopper.WaitForPaymentAsync(customer, orderId, "Paid");

        var found = await admin.GetFromJsonAsync<JsonElement>("/api/admin/customers?q=FINDME-");
        var row = Assert.Single(found.GetProperty("items").EnumerateArray());
        Assert.Equal(customerId, row.GetProperty("customerId").GetString());

        var detail = await Eventually.WaitAsync(
            () => admin.GetFromJsonAsync<JsonElement>($"/api/admin/customers/{customerId}"),
            d => d.GetProperty("recentOrders").GetArrayLength() == 1 && d.GetProperty("wallet").GetProperty("balance").GetInt32() > 0, "the paid order and its points");
        Assert.Equal(orderId, detail.GetProperty("recentOrders")[0].GetProperty("orderId").GetString());
        Assert.Contains(detail.GetProperty("wallet").GetProperty("ledger").EnumerateArray(), e => e.GetProperty("kind").GetString() == "Earn");

        var order = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/orders/{orderId}");
        Assert.Equal("1 Analytical Way", order.GetProperty("shipTo").GetProperty("line1").GetString());
        var search = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/orders?q={orderId[4..14]}");
        Assert.Equal(orderId, Assert.Single(search.GetProperty("items").EnumerateArray()).GetProperty("orderId").GetString());
    }

    [Fact]
    public async Task Revenue_today_is_net_of_refunds_in_the_store_currency()
    {
        var admin = store.Admin;
        var (customer, _) = await store.App.NewCustomerAsync("refunded");
        var (orderId, _) = await Shopper.BuyAsync(customer, sku: "PE-MOTSC-10MG");
        var paid = await Shopper.WaitForPaymentAsync(customer, orderId, "Paid");
        Assert.True(paid.GetProperty("total").GetProperty("amount").GetDecimal() > 10.00m);
        await Eventually.WaitAsync(
            () => admin.GetFromJsonAsync<JsonElement>($"/api/admin/orders?q={orderId}"),
            p => p.GetProperty("items").EnumerateArray().Any(o => o.GetProperty("payment").GetString() == "Paid"), "the paid order in the projection");
        var revenueBefore = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/dashboard")).GetProperty("orders").GetProperty("revenueToday").GetDecimal();

        (await admin.PostAsJsonAsync($"/api/admin/orders/{orderId}/refund", new { amount = 10.00m, reason = "damaged seal" })).EnsureSuccessStatusCode();

        var snapshot = await Eventually.WaitAsync(
            () => admin.GetFromJsonAsync<JsonElement>("/api/admin/dashboard"),
            s => s.GetProperty("orders").GetProperty("revenueToday").GetDecimal() == revenueBefore - 10.00m, "revenue to drop by the refund");
        Assert.Equal("USD", snapshot.GetProperty("currency").GetString());
        var series = snapshot.GetProperty("orders").GetProperty("revenuePerDaySeries");
        Assert.Equal(14, series.GetArrayLength());
        Assert.Equal(snapshot.GetProperty("orders").GetProperty("revenueToday").GetDecimal(), series[13].GetDecimal());
    }

    [Fact]
    public async Task A_sent_email_can_be_resent_and_goes_out_again()
    {
        var admin = store.Admin;
        var (customer, _) = await store.App.NewCustomerAsync("resend");
        var (orderId, _) = await Shopper.BuyAsync(customer, sku: "PE-NAD-500MG");
        var sent = await Eventually.WaitAsync(
            () => admin.GetFromJsonAsync<JsonElement>("/api/admin/emails?status=Sent&limit=500"),
            e => e.EnumerateArray().Any(m => m.GetProperty("key").GetString()!.Contains(orderId)), "the confirmation email to be sent", TimeSpan.FromSeconds(60));
        var email = sent.EnumerateArray().First(m => m.GetProperty("key").GetString()!.Contains(orderId));
        var id = email.GetProperty("id").GetInt64();
        var sentAt = email.GetProperty("sentAt").GetDateTimeOffset();

        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/admin/emails/{id}/resend", null)).StatusCode);

        var again = await Eventually.WaitAsync(
            async () => (await admin.GetFromJsonAsync<JsonElement>("/api/admin/emails?limit=500")).EnumerateArray().First(m => m.GetProperty("id").GetInt64() == id),
            m => m.GetProperty("status").GetString() == "Pending" || m.GetProperty("sentAt").GetDateTimeOffset() > sentAt, "the email to be queued again");
        Assert.Null(again.GetProperty("lastError").GetString());
    }

    [Fact]
    public async Task The_openapi_document_names_summarises_and_types_every_admin_endpoint()
    {
        var document = await store.App.NewClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var operations = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/admin", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Operation: o.Value)))
            .ToList();
        Assert.True(operations.Count >= 23, $"only {operations.Count} admin operations");
        foreach (var (path, method, operation) in operations)
        {
            Assert.True(operation.TryGetProperty("operationId", out _), $"{method} {path} has no name");
            Assert.True(operation.TryGetProperty("summary", out _), $"{method} {path} has no summary");
            var responses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            Assert.Contains(responses, r => r.StartsWith('2'));
            Assert.Contains("403", responses);
            if (method is "put" || (method is "post" && path.EndsWith("refund", StringComparison.Ordinal)))
            {
                Assert.True(operation.TryGetProperty("requestBody", out _), $"{method} {path} documents no body");
                Assert.Contains("400", responses);
            }
        }
    }

    private static async Task<HttpResponseMessage> PutStockAsync(HttpClient admin, string sku, string json, string mediaType = "application/json")
        => await admin.PutAsync($"/api/admin/products/{sku}/stock", new StringContent(json, Encoding.UTF8, mediaType));

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body)
        => client.SendAsync(new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) });

    private static async Task<Dictionary<string, int>> StockAsync(HttpClient admin)
        => (await admin.GetFromJsonAsync<JsonElement>("/api/admin/stock")).EnumerateArray()
            .ToDictionary(s => s.GetProperty("sku").GetString()!, s => s.GetProperty("onHand").GetInt32());

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string code, string? field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {status}, got {(int)response.StatusCode} {text}");
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem names no field {field}: {text}");
            Assert.Contains(field, problem.GetProperty("detail").GetString());
        }
    }
}
