using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Api;

public sealed class AuthorizationTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task A_customer_cannot_read_or_pay_another_customers_order()
    {
        var (alice, _) = await store.App.NewCustomerAsync("alice");
        var (bob, _) = await store.App.NewCustomerAsync("bob");
        var (orderId, _) = await Shopper.BuyAsync(alice);

        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/orders/{orderId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/orders/{orderId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsJsonAsync($"/api/orders/{orderId}/pay", new { cardToken = "tok_visa" })).StatusCode);
        var bobsOrders = await bob.GetFromJsonAsync<JsonElement>("/api/orders");
        Assert.Equal(0, bobsOrders.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_checkout_replay_by_a_stranger_is_refused_and_hands_out_no_order_link()
    {
        var (owner, _) = await store.App.NewCustomerAsync("owner");
        var stranger = store.App.NewClient();
        var cartId = await Shopper.NewCartAsync(owner, ("PE-BPC157-5MG", 1));
        var original = await Shopper.CheckoutAsync(owner, cartId, "owners-key");
        Assert.Equal(HttpStatusCode.Created, original.StatusCode);

        var replay = await Shopper.CheckoutAsync(stranger, cartId, "owners-key");
        var ownersReplay = await Shopper.CheckoutAsync(owner, cartId, "owners-key");

        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        var problem = await replay.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("conflict", problem.GetProperty("code").GetString());
        Assert.DoesNotContain("accessToken", await replay.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, ownersReplay.StatusCode);
        Assert.True((await ownersReplay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetBoolean());
    }

    [Fact]
    public async Task Customers_get_403_and_anonymous_callers_401_on_admin_endpoints()
    {
        var (customer, _) = await store.App.NewCustomerAsync("curious");
        var anonymous = store.App.NewClient();

        var forbidden = await customer.GetAsync("/api/admin/orders");
        var unauthorized = await anonymous.GetAsync("/api/admin/orders");
        var refund = await customer.PostAsJsonAsync("/api/admin/orders/ord_00000000000000000000/refund", new { amount = 1, reason = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refund.StatusCode);
        Assert.Equal("application/problem+json", unauthorized.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me/points")).StatusCode);
    }

    [Fact]
    public async Task Passwords_are_stored_as_pbkdf2_hashes_and_wrong_passwords_fail()
    {
        var client = store.App.NewClient();
        var email = $"hash-{Guid.NewGuid():N}@example.test";
        await store.App.RegisterAsync(client, email, "a-long-enough-password");

        var account = await store.App.Services.GetRequiredService<PacificEdge.WebFrontend.Security.PostgresUserStore>().FindByEmailAsync(email, default);
        Assert.DoesNotContain("a-long-enough-password", account!.PasswordHash);
        Assert.Equal(0x01, Convert.FromBase64String(account.PasswordHash)[0]); // Identity v3 format: PBKDF2
        var wrong = await store.App.NewClient().PostAsJsonAsync("/api/auth/login", new { email, password = "not-the-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var shortPassword = await client.PostAsJsonAsync("/api/auth/register", new { email = $"x{email}", password = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, shortPassword.StatusCode);
    }
}
