using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Interfaces.Payments;
using PacificEdge.Testing;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Browser;

/// <summary>
/// Grains in a silo process, two separate web processes: a payment webhook received by front end A
/// reaches a browser connected to front end B (through PostgreSQL LISTEN/NOTIFY).
/// </summary>
public sealed class TwoFrontEndsTests
{
    private const string WebhookSecret = "whsec_test_only_not_a_real_secret"; // what SiloProcess configures

    [Fact]
    public async Task A_payment_webhook_to_front_end_A_updates_a_browser_on_front_end_B()
    {
        await using var database = new PostgresDatabaseFixture();
        await database.InitializeAsync();
        var cluster = $"two-fe-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string> { ["Frontend:OrderTokenKey"] = "shared-by-both-front-ends" };
        await using var silo = SiloProcess.Start("silo", database.ConnectionString, cluster, settings: settings, arguments: ["--seed-demo"]);
        await silo.WaitReadyAsync();
        await using var frontA = SiloProcess.Start("web", database.ConnectionString, cluster, settings: settings);
        await using var frontB = SiloProcess.Start("web", database.ConnectionString, cluster, settings: settings);
        await Task.WhenAll(frontA.WaitReadyAsync(), frontB.WaitReadyAsync());

        var shopper = frontB.Http;
        await Eventually.WaitAsync(() => shopper.GetFromJsonAsync<JsonElement>("/api/catalog"), c => c.GetArrayLength() == 12, "the demo catalog");
        var cartId = (await (await shopper.PostAsync("/api/carts", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cartId").GetString()!;
        (await shopper.PostAsJsonAsync($"/api/carts/{cartId}/lines", new { sku = "PE-BPC157-5MG", quantity = 1 })).EnsureSuccessStatusCode();
        var checkout = new HttpRequestMessage(HttpMethod.Post, $"/api/carts/{cartId}/checkout") { Content = JsonContent.Create(new { email = "b@example.test", shipTo = Shopper.ShipTo }) };
        checkout.Headers.Add("Idempotency-Key", "two-front-ends");
        var order = await (await shopper.SendAsync(checkout)).Content.ReadFromJsonAsync<JsonElement>();
        var orderId = order.GetProperty("orderId").GetString()!;
        var token = order.GetProperty("accessToken").GetString()!;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFixture.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(90_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        await page.GotoAsync($"http://127.0.0.1:{frontB.HttpPort}/order.html?id={orderId}&token={token}");
        await Assertions.Expect(page.GetByTestId("live")).ToHaveTextAsync("live");
        await Assertions.Expect(page.GetByTestId("payment-status")).ToHaveTextAsync("Awaiting payment");

        var total = order.GetProperty("total");
        var body = PaymentWebhookEventBuilder.Build(new PaymentEvent(
            "evt_two_front_ends", PaymentEventKind.Succeeded, "pi_two", orderId,
            new Money(total.GetProperty("amount").GetDecimal(), total.GetProperty("currency").GetString()!), DateTimeOffset.UtcNow));
        var webhook = new HttpRequestMessage(HttpMethod.Post, "/webhooks/payments") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        webhook.Headers.TryAddWithoutValidation(PaymentWebhookSignature.HeaderName, PaymentWebhookSignature.Sign(body, WebhookSecret, DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.Accepted, (await frontA.Http.SendAsync(webhook)).StatusCode);

        await Assertions.Expect(page.GetByTestId("payment-status")).ToHaveTextAsync("Paid");
    }
}
