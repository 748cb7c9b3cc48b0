using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PacificEdge.Grains.Interfaces.Catalog;
using PacificEdge.Testing;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Api;

/// <summary>The pen-test finding: one unpaid guest checkout must not hold much stock for long.</summary>
public sealed class GuestCheckoutLimitTests(GuestLimitsFixture store) : IClassFixture<GuestLimitsFixture>
{
    [Fact]
    public async Task A_guest_checkout_over_the_unit_limit_gets_a_problem_and_holds_no_stock_until_the_shopper_fixes_the_cart()
    {
        var guest = store.App.NewClient();
        var before = await AvailableAsync(guest, "PE-SEMAX-10MG");
        var cartId = await Shopper.NewCartAsync(guest, ("PE-SEMAX-10MG", 6), ("PE-DSIP-5MG", 1));

        var refused = await Shopper.CheckoutAsync(guest, cartId, "too-many", email: NewEmail());

        var problem = await AssertGuestLimitProblemAsync(refused);
        Assert.Equal("Guest checkouts are limited to 5 units of each product (Semax 10 mg: 6); reduce the quantity or sign in to order more.",
            problem.GetProperty("detail").GetString());
        Assert.Equal(before, await AvailableAsync(guest, "PE-SEMAX-10MG"));
        Assert.Empty((await store.App.Grains.GetGrain<IInventoryGrain>("PE-SEMAX-10MG").Get()).Reservations);
        Assert.Empty((await store.App.Grains.GetGrain<IInventoryGrain>("PE-DSIP-5MG").Get()).Reservations);
        Assert.Equal(7, (await guest.GetFromJsonAsync<JsonElement>($"/api/carts/{cartId}")).GetProperty("itemCount").GetInt32());

        // The page keeps its idempotency key across a failure: the same key works once the cart is within the limit.
        (await guest.PutAsJsonAsync($"/api/carts/{cartId}/lines/PE-SEMAX-10MG", new { quantity = 5 })).EnsureSuccessStatusCode();
        var accepted = await Shopper.CheckoutAsync(guest, cartId, "too-many", email: NewEmail());
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(before - 5, await AvailableAsync(guest, "PE-SEMAX-10MG"));
    }

    [Fact]
    public async Task A_guest_order_over_the_value_limit_is_refused()
    {
        var guest = store.App.NewClient();
        var cartId = await Shopper.NewCartAsync(guest,
            ("PE-NAD-500MG", 5), ("PE-MOTSC-10MG", 5), ("PE-TB500-5MG", 5), ("PE-AOD9604-5MG", 5), ("PE-BPC157-5MG", 5));

        var problem = await AssertGuestLimitProblemAsync(await Shopper.CheckoutAsync(guest, cartId, "too-dear", email: NewEmail()));

        Assert.Contains("limited to 1000.00 USD (this one is 1188.75 USD)", problem.GetProperty("detail").GetString());
        Assert.Empty((await store.App.Grains.GetGrain<IInventoryGrain>("PE-NAD-500MG").Get()).Reservations);
    }

    [Fact]
    public async Task A_signed_in_customer_may_still_buy_more_than_the_guest_limit()
    {
        var (customer, _) = await store.App.NewCustomerAsync("bulk");
        var cartId = await Shopper.NewCartAsync(customer, ("PE-EPITAL-10MG", 20));

        var checkout = await Shopper.CheckoutAsync(customer, cartId, "bulk");

        Assert.Equal(HttpStatusCode.Created, checkout.StatusCode);
        var orderId = (await checkout.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString()!;
        Assert.Equal(20, (await store.App.Grains.GetGrain<IInventoryGrain>("PE-EPITAL-10MG").Get()).Reservations[orderId]);
    }

    [Fact]
    public async Task The_fourth_open_unpaid_guest_order_for_one_email_is_refused_until_one_is_paid()
    {
        var email = NewEmail();
        var orders = new List<(string OrderId, string Token)>();
        for (var i = 0; i < 3; i++)
        {
            var response = await Shopper.CheckoutAsync(store.App.NewClient(), await Shopper.NewCartAsync(store.App.NewClient(), ("PE-KPV-10MG", 1)), $"open-{i}", email: email);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            orders.Add((body.GetProperty("orderId").GetString()!, body.GetProperty("accessToken").GetString()!));
        }

        var guest = store.App.NewClient();
        var cartId = await Shopper.NewCartAsync(guest, ("PE-KPV-10MG", 1));
        // The same mailbox in other letters is the same shopper.
        var refused = await Shopper.CheckoutAsync(guest, cartId, "fourth", email: email.ToUpperInvariant());

        var problem = await AssertGuestLimitProblemAsync(refused);
        Assert.Contains("already has 3 unpaid guest orders", problem.GetProperty("detail").GetString());
        Assert.Equal(1, (await guest.GetFromJsonAsync<JsonElement>($"/api/carts/{cartId}")).GetProperty("itemCount").GetInt32());
        Assert.Equal(HttpStatusCode.Created, (await Shopper.CheckoutAsync(guest, cartId, "other-email", email: NewEmail())).StatusCode);

        var (paidId, token) = orders[0];
        (await guest.PostAsJsonAsync($"/api/orders/{paidId}/pay?token={token}", new { cardToken = "tok_visa" })).EnsureSuccessStatusCode();
        await Shopper.WaitForPaymentAsync(guest, paidId, "Paid", token);
        var nextCart = await Shopper.NewCartAsync(guest, ("PE-KPV-10MG", 1));
        var accepted = await Eventually.WaitAsync(
            () => Shopper.CheckoutAsync(guest, nextCart, "after-paying", email: email),
            r => r.StatusCode == HttpStatusCode.Created, "a checkout once one of the three orders is paid");
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task Parallel_guest_checkouts_for_one_email_never_hold_more_than_the_limit_and_refused_ones_keep_no_slot()
    {
        var email = NewEmail();
        var carts = new List<(HttpClient Client, string CartId)>();
        for (var i = 0; i < 8; i++)
        {
            var client = store.App.NewClient();
            carts.Add((client, await Shopper.NewCartAsync(client, ("PE-KPV-10MG", 1))));
        }

        // No lock orders them: each claim is committed before it counts the others, so racing claims may all be refused, never all let through.
        var responses = await Task.WhenAll(carts.Select((c, i) => Shopper.CheckoutAsync(c.Client, c.CartId, $"race-{i}", email: email)));
        var created = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        Assert.InRange(created, 0, 3);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await AssertGuestLimitProblemAsync(refused);
        }

        // The refused claims gave their slots back: one after another, checkouts are let through up to the limit exactly.
        for (var i = created; i < 3; i++)
        {
            var client = store.App.NewClient();
            var fresh = await Shopper.NewCartAsync(client, ("PE-KPV-10MG", 1));
            Assert.Equal(HttpStatusCode.Created, (await Shopper.CheckoutAsync(client, fresh, $"after-race-{i}", email: email)).StatusCode);
        }

        var over = store.App.NewClient();
        await AssertGuestLimitProblemAsync(await Shopper.CheckoutAsync(over, await Shopper.NewCartAsync(over, ("PE-KPV-10MG", 1)), "one-too-many", email: email));
    }

    [Fact]
    public async Task A_guest_order_is_due_after_the_guest_timeout_a_customer_order_after_the_normal_one()
    {
        var guest = store.App.NewClient();
        var response = await Shopper.CheckoutAsync(guest, await Shopper.NewCartAsync(guest, ("PE-SELANK-10MG", 1)), "deadline", email: NewEmail());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var guestOrder = await Shopper.OrderAsync(guest, body.GetProperty("orderId").GetString()!, body.GetProperty("accessToken").GetString());

        var (customer, _) = await store.App.NewCustomerAsync("deadline");
        var customerCheckout = await Shopper.CheckoutAsync(customer, await Shopper.NewCartAsync(customer, ("PE-GHKCU-50MG", 1)), "deadline");
        var customerOrder = await Shopper.OrderAsync(customer, (await customerCheckout.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString()!);

        Assert.Equal(TimeSpan.FromMinutes(15), PaymentWindow(guestOrder));
        Assert.Equal(TimeSpan.FromMinutes(60), PaymentWindow(customerOrder));
    }

    private static string NewEmail() => $"guest-{Guid.NewGuid():N}@example.test";

    private static TimeSpan PaymentWindow(JsonElement order)
        => order.GetProperty("paymentDueBy").GetDateTimeOffset() - order.GetProperty("createdAt").GetDateTimeOffset();

    private static async Task<int> AvailableAsync(HttpClient client, string sku)
        => (await client.GetFromJsonAsync<JsonElement>($"/api/catalog/{sku}")).GetProperty("available").GetInt32();

    private static async Task<JsonElement> AssertGuestLimitProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("guest_limit_exceeded", problem.GetProperty("code").GetString());
        Assert.Equal("https://pacificedge.example/problems/guest_limit_exceeded", problem.GetProperty("type").GetString());
        return problem;
    }
}
