using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PacificEdge.Grains.Integration.Email;
using PacificEdge.Testing;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Api;

/// <summary>POST /api/orders/{id}/access-link: a fresh guest link by email, the same answer whatever the email.</summary>
public sealed partial class OrderAccessLinkTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    private const string BuyerEmail = "buyer@example.test"; // what Shopper checks out with

    [Fact]
    public async Task The_orders_email_in_any_case_gets_a_fresh_link_that_opens_the_order()
    {
        var guest = store.App.NewClient();
        var (orderId, _) = await Shopper.BuyAsync(guest, sku: "PE-KPV-10MG");

        var response = await store.App.NewClient().PostAsJsonAsync($"/api/orders/{orderId}/access-link", new { email = "  Buyer@Example.TEST " });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var email = await Eventually.WaitAsync(() => Task.FromResult(LinkEmails(orderId)), m => m.Count > 0, "the fresh link email");
        var message = Assert.Single(email);
        Assert.Equal(BuyerEmail, message.To, ignoreCase: true);
        var link = LinkPattern().Match(message.TextBody);
        Assert.True(link.Success, message.TextBody);
        Assert.StartsWith($"{store.App.BaseAddress.ToString().TrimEnd('/')}/order.html?id={orderId}&token=", link.Value);
        Assert.Contains(link.Value, message.HtmlBody.Replace("&amp;", "&"));

        var order = await Shopper.OrderAsync(store.App.NewClient(), orderId, link.Groups["token"].Value);
        Assert.Equal(orderId, order.GetProperty("orderId").GetString());
        Assert.Contains(order.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("event").GetString() == "order.link_sent");
        Assert.DoesNotContain(order.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("detail").GetString()!.Contains("token=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_email_or_an_unknown_order_gets_the_same_answer_and_no_email()
    {
        var guest = store.App.NewClient();
        var (orderId, _) = await Shopper.BuyAsync(guest, sku: "PE-KPV-10MG");
        var stranger = store.App.NewClient();

        var right = await stranger.PostAsJsonAsync($"/api/orders/{orderId}/access-link", new { email = BuyerEmail });
        await Eventually.WaitAsync(() => Task.FromResult(LinkEmails(orderId)), m => m.Count == 1, "the email for the right address");
        var wrong = await stranger.PostAsJsonAsync($"/api/orders/{orderId}/access-link", new { email = "someone-else@example.test" });
        var unknown = await stranger.PostAsJsonAsync("/api/orders/ord_00000000000000000000/access-link", new { email = BuyerEmail });
        var malformed = await stranger.PostAsJsonAsync("/api/orders/not-an-order/access-link", new { email = BuyerEmail });
        // A later right request is processed after the wrong one by the same order: once its email is there, the wrong one had its chance.
        (await stranger.PostAsJsonAsync($"/api/orders/{orderId}/access-link", new { email = BuyerEmail })).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => Task.FromResult(LinkEmails(orderId)), m => m.Count == 2, "the email for the second right request");

        var bodies = new List<string>();
        foreach (var response in new[] { right, wrong, unknown, malformed })
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.Single(bodies.Distinct());
        Assert.DoesNotContain(Sandbox().Messages, m => string.Equals(m.To, "someone-else@example.test", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(LinkEmails("ord_00000000000000000000"));
        Assert.Equal(2, LinkEmails(orderId).Count);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"email\": \"\"}")]
    [InlineData("{\"email\": \"not an email\"}")]
    public async Task A_missing_or_invalid_email_is_a_400_problem(string body)
    {
        var response = await store.App.NewClient().PostAsync(
            "/api/orders/ord_00000000000000000000/access-link", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Requests_for_fresh_links_are_rate_limited_per_client_address()
    {
        await using var database = new PostgresDatabaseFixture();
        await database.InitializeAsync();
        await using var app = new StoreApp(database.ConnectionString, new Dictionary<string, string> { ["Frontend:RateLimits:OrderLinksPerMinute"] = "2" }).Start();
        var client = app.NewClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/orders/ord_00000000000000000000/access-link", new { email = BuyerEmail })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
    }

    private SandboxEmailSender Sandbox() => store.App.Services.GetRequiredService<SandboxEmailSender>();

    private List<Grains.Integration.Email.EmailMessage> LinkEmails(string orderId)
        => Sandbox().Messages.Where(m => m.Subject == $"Your link to order {orderId}").ToList();

    [GeneratedRegex(@"https?://\S+/order\.html\?id=ord_[0-9a-z]+&token=(?<token>[0-9]+\.[0-9a-f]{64})")]
    private static partial Regex LinkPattern();
}
