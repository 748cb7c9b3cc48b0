using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Webhooks;

/// <summary>Junk webhook calls are limited per source address and cannot use up the budget of signed events.</summary>
public sealed class WebhookAdmissionTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    private const int RefusalsPerMinute = 30; // the production default, which the tests' app keeps

    [Fact]
    public async Task Unsigned_calls_beyond_their_address_budget_get_429_and_a_signed_event_still_gets_through()
    {
        var (customer, _) = await store.App.NewCustomerAsync("admission");
        var cartId = await Shopper.NewCartAsync(customer, ("PE-AOD9604-5MG", 1));
        var checkout = await (await Shopper.CheckoutAsync(customer, cartId, Guid.NewGuid().ToString("N"))).Content.ReadFromJsonAsync<JsonElement>(Shopper.Json);
        var orderId = checkout.GetProperty("orderId").GetString()!;
        var total = checkout.GetProperty("total");
        var attacker = store.App.NewClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < RefusalsPerMinute + 20; i++)
        {
            using var junk = await attacker.PostAsync("/webhooks/payments", new StringContent("{}", Encoding.UTF8, "application/json"));
            statuses.Add(junk.StatusCode);
            if (junk.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(int.Parse(junk.Headers.GetValues("Retry-After").Single()) > 0);
            }
        }

        Assert.Equal(RefusalsPerMinute, statuses.Count(s => s == HttpStatusCode.BadRequest));
        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        var signed = await PaymentWebhookTests.PostSignedAsync(store.App.NewClient(), PaymentWebhookTests.EventJson(
            "evt_after_junk", orderId, new Money(total.GetProperty("amount").GetDecimal(), total.GetProperty("currency").GetString()!)));
        Assert.Equal(HttpStatusCode.Accepted, signed.StatusCode);
        await Shopper.WaitForPaymentAsync(customer, orderId, "Paid");
    }
}
