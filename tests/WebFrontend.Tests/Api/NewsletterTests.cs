using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PacificEdge.Grains.Integration.Email;
using PacificEdge.Grains.Interfaces.Newsletter;
using PacificEdge.Grains.Newsletter;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Api;

/// <summary>Subscribe with consent, and unsubscribe by the link in marketing mail: the /unsubscribe page, RFC 8058 one-click POST, the API.</summary>
public sealed class NewsletterTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task Subscribing_needs_consent_and_keeps_the_first_consent_date()
    {
        var client = store.App.NewClient();
        var email = Unique("consent");

        var refused = await client.PostAsJsonAsync("/api/newsletter/subscribe", new { email, consent = false });
        var badEmail = await client.PostAsJsonAsync("/api/newsletter/subscribe", new { email = "not an email", consent = true });
        var first = await client.PostAsJsonAsync("/api/newsletter/subscribe", new { email = email.ToUpperInvariant(), consent = true });
        var again = await client.PostAsJsonAsync("/api/newsletter/subscribe", new { email, consent = true });

        await AssertProblemAsync(refused, "consent_required");
        await AssertProblemAsync(badEmail, "validation_failed");
        Assert.Null(await Subscribers().FindAsync(Unique("never"), CancellationToken.None));
        var view = await first.Content.ReadFromJsonAsync<SubscriptionView>();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(view!.Subscribed);
        Assert.Equal(email, view.Email);
        Assert.NotNull(view.ConsentAt);
        var second = await again.Content.ReadFromJsonAsync<SubscriptionView>();
        Assert.Equal(view.ConsentAt, second!.ConsentAt);
    }

    [Fact]
    public async Task The_link_page_asks_first_and_its_one_click_POST_unsubscribes()
    {
        var email = await SubscribedAsync("oneclick");
        var link = store.App.Services.GetRequiredService<UnsubscribeLinks>().For(email);
        var client = store.App.NewClient();

        var page = await client.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((await Subscribers().FindAsync(email, CancellationToken.None))!.Subscribed); // a GET (a mail scanner) changes nothing

        // What a mail client sends for List-Unsubscribe-Post: List-Unsubscribe=One-Click (no cookie, no Origin).
        var oneClick = await client.PostAsync(link, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Contains("You are unsubscribed", await oneClick.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var after = await Subscribers().FindAsync(email, CancellationToken.None);
        Assert.False(after!.Subscribed);
        Assert.NotNull(after.UnsubscribedAt);
        Assert.NotNull(after.ConsentAt);
    }

    [Fact]
    public async Task A_bad_token_gets_a_clear_error_and_unsubscribes_nobody()
    {
        var email = await SubscribedAsync("badtoken");
        var client = store.App.NewClient();
        var otherToken = new Uri(store.App.Services.GetRequiredService<UnsubscribeLinks>().For(Unique("other"))).Query.Split("token=")[1];

        var page = await client.PostAsync($"/unsubscribe?email={Uri.EscapeDataString(email)}&token={otherToken}", null);
        var api = await client.PostAsJsonAsync("/api/newsletter/unsubscribe", new { email, token = "0123" });
        var incomplete = await client.GetAsync($"/unsubscribe?email={Uri.EscapeDataString(email)}");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("not valid", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertProblemAsync(api, "invalid_unsubscribe_link");
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.True((await Subscribers().FindAsync(email, CancellationToken.None))!.Subscribed);
    }

    [Fact]
    public async Task The_API_unsubscribes_with_the_link_token_and_marketing_mail_then_stops()
    {
        var email = await SubscribedAsync("api");
        var still = await SubscribedAsync("control");
        var token = new Uri(store.App.Services.GetRequiredService<UnsubscribeLinks>().For(email)).Query.Split("token=")[1];

        var response = await store.App.NewClient().PostAsJsonAsync("/api/newsletter/unsubscribe", new { email = email.ToUpperInvariant(), token });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await response.Content.ReadFromJsonAsync<SubscriptionView>())!.Subscribed);
        var notifications = store.App.Services.GetRequiredService<INotificationService>();
        foreach (var to in new[] { email, still })
        {
            await notifications.SendAsync(new Notification($"test:cart:{to}", NotificationKind.AbandonedCart, to,
                new Dictionary<string, string> { [EmailModelKeys.CartUrl] = "http://127.0.0.1/cart" }), CancellationToken.None);
        }

        var sandbox = store.App.Services.GetRequiredService<SandboxEmailSender>();
        Assert.Empty(sandbox.MessagesTo(email));
        Assert.Single(sandbox.MessagesTo(still));
    }

    private NewsletterSubscribers Subscribers() => store.App.Services.GetRequiredService<NewsletterSubscribers>();

    private async Task<string> SubscribedAsync(string name)
    {
        var email = Unique(name);
        (await store.App.NewClient().PostAsJsonAsync("/api/newsletter/subscribe", new { email, consent = true })).EnsureSuccessStatusCode();
        return email;
    }

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}@example.test";

    private static async Task AssertProblemAsync(HttpResponseMessage response, string code)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }
}
