using PacificEdge.Testing;
using Request = WireMock.RequestBuilders.Request;
using WireMock.Matchers;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace PacificEdge.WebFrontend.Tests.Support;

/// <summary>
/// A store whose dashboard raises a payment-failure-rate alert on its first refresh (threshold below zero), with
/// the chat webhook pointed at a local WireMock listener that fails that alert's first post and accepts the rest.
/// </summary>
public sealed class ChatWebhookFixture : IAsyncLifetime
{
    /// <summary>The secret part of the webhook URL (as in Slack's /services/T…/B…/secret).</summary>
    public const string SecretSegment = "chat-secret-0f9d8c7b6a";

    public const string Path = "/services/T0TEST/B0TEST/" + SecretSegment;

    private readonly PostgresDatabaseFixture _database = new();

    public WireMockServer Chat { get; private set; } = null!;

    public StoreApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Chat = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreeTcpPort.Pick()}"] });
        // The dashboard's failure-rate alert: refused once, then accepted. Any other alert: accepted.
        var failureRate = Request.Create().WithPath(Path).UsingPost().WithBody(new WildcardMatcher("*payment_failure_rate*"));
        Chat.Given(failureRate).AtPriority(1).InScenario("chat").WillSetStateTo("failed once")
            .RespondWith(Response.Create().WithStatusCode(500));
        Chat.Given(failureRate).AtPriority(1).InScenario("chat").WhenStateIs("failed once")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("ok"));
        Chat.Given(Request.Create().WithPath(Path).UsingPost()).AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("ok"));
        await _database.InitializeAsync();
        App = new StoreApp(_database.ConnectionString, new Dictionary<string, string>
        {
            ["Alerts:Chat:WebhookUrl"] = Chat.Url + Path,
            ["Alerts:Chat:RetryBaseDelay"] = "00:00:00.200",
            ["Frontend:Dashboard:PaymentFailureRateThreshold"] = "-1",
        }).Start();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _database.DisposeAsync();
        Chat.Stop();
        Chat.Dispose();
    }
}
