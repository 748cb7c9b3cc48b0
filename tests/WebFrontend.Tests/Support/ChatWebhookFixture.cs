using PacificEdge.Testing;
using Request = WireMock.RequestBuilders.Request;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace PacificEdge.WebFrontend.Tests.Support;

/// <summary>
/// A store whose dashboard raises a payment-failure-rate alert on its first refresh (threshold below zero), with
/// the chat webhook pointed at a local WireMock listener that fails the first post and accepts the next ones.
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
        Chat.Given(Request.Create().WithPath(Path).UsingPost()).InScenario("chat").WillSetStateTo("failed once")
            .RespondWith(Response.Create().WithStatusCode(500));
        Chat.Given(Request.Create().WithPath(Path).UsingPost()).InScenario("chat").WhenStateIs("failed once")
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
