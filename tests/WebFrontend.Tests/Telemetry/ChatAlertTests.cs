using System.Net.Http.Json;
using System.Text.Json;
using PacificEdge.Testing;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Telemetry;

/// <summary>Dashboard alerts reach a Slack-compatible chat webhook: retried on failure, posted once, the URL never logged.</summary>
public sealed class ChatAlertTests(ChatWebhookFixture fixture) : IClassFixture<ChatWebhookFixture>
{
    [Fact]
    public async Task A_raised_alert_is_posted_once_as_slack_json_after_a_failed_attempt_and_the_webhook_url_is_never_logged()
    {
        var admin = await fixture.App.SignedInAdminAsync();
        await using var hub = HubClient.Start(new Uri(fixture.App.BaseAddress, "/hubs/admin"), fixture.App.CookieHeader(admin));

        // First post answered 500, the retry 200.
        var posts = await Eventually.WaitAsync(
            () => Task.FromResult(ChatPosts()),
            p => p.Any(e => e.Status == 200), "the alert accepted by the chat webhook");
        Assert.Equal(500, posts[0].Status);
        Assert.Equal(posts[0].Body, posts[1].Body);
        using var body = JsonDocument.Parse(posts[1].Body);
        var text = body.RootElement.GetProperty("text").GetString()!;
        Assert.Contains("payment_failure_rate", text, StringComparison.Ordinal);
        Assert.Contains("Payment failure rate is", text, StringComparison.Ordinal);

        // Further dashboard refreshes (the condition still holds) post nothing new: one alert, one accepted post.
        await hub.WaitForAsync(l => l.GetProperty("type").GetString() == "message" && l.GetProperty("target").GetString() == "counters", "a dashboard refresh");
        await Eventually.WaitAsync(
            () => Task.FromResult(hub.Seen.Count(l => l.GetProperty("type").GetString() == "message" && l.GetProperty("target").GetString() == "counters")),
            n => n >= 3, "three dashboard refreshes after connecting");
        var alerts = await admin.GetFromJsonAsync<JsonElement>("/api/admin/alerts");
        Assert.Single(alerts.EnumerateArray(), a => a.GetProperty("kind").GetString() == "payment_failure_rate");
        Assert.Single(ChatPosts(), p => p.Status == 200);
        Assert.Equal(2, ChatPosts().Count);

        Assert.Contains(fixture.App.Logs.Entries, e => e.Message.Contains("posted to the chat webhook", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.App.Logs.Entries, e => e.Message.Contains(ChatWebhookFixture.SecretSegment, StringComparison.Ordinal));
    }

    private List<(int Status, string Body)> ChatPosts() =>
        [.. fixture.Chat.LogEntries
            .Where(e => e.RequestMessage.Path == ChatWebhookFixture.Path)
            .OrderBy(e => e.RequestMessage.DateTime)
            .Select(e => (Convert.ToInt32(e.ResponseMessage.StatusCode, System.Globalization.CultureInfo.InvariantCulture), e.RequestMessage.Body ?? ""))];
}
