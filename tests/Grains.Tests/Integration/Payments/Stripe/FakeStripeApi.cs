using System.Collections.Specialized;
using System.Net;
using System.Net.Sockets;
using System.Web;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Integration.Payments.Stripe;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace PacificEdge.Grains.Tests.Integration.Payments.Stripe;

/// <summary>A fake Stripe API on 127.0.0.1 (WireMock) and a gateway whose real Stripe.net client points at it.</summary>
public sealed class FakeStripeApi : IDisposable
{
    public const string TestKey = "sk_test_placeholder_for_tests";

    private FakeStripeApi(WireMockServer server) => Server = server;

    public WireMockServer Server { get; }

    public Uri BaseUrl => new(Server.Url!);

    public static FakeStripeApi Start()
    {
        // A port picked here keeps the server on the loopback address (WireMock's default host name may resolve elsewhere).
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new FakeStripeApi(WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{port}"] }));
    }

    public StripePaymentGateway Gateway(bool manualCapture = false, int maxNetworkRetries = 1, Uri? returnUrl = null)
        => new(Options.Create(new StripePaymentOptions
        {
            SecretKey = TestKey,
            ApiBase = BaseUrl,
            ManualCapture = manualCapture,
            MaxNetworkRetries = maxNetworkRetries,
            RequestTimeout = TimeSpan.FromSeconds(10),
            ReturnUrl = returnUrl,
            IdempotencyKeyPrefix = "pe:",
        }), NullLogger<StripePaymentGateway>.Instance);

    public void Answer(string path, int status, string json, params (string Name, string Value)[] headers)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(json);
        foreach (var (name, value) in headers)
        {
            response = response.WithHeader(name, value);
        }

        Server.Given(WireMock.RequestBuilders.Request.Create().WithPath(path).UsingPost()).RespondWith(response);
    }

    public IReadOnlyList<ILogEntry> Requests(string path) => [.. Server.LogEntries.Where(e => e.RequestMessage.Path == path)];

    public static NameValueCollection Form(ILogEntry entry) => HttpUtility.ParseQueryString(entry.RequestMessage.Body ?? string.Empty);

    public static string? Header(ILogEntry entry, string name)
        => entry.RequestMessage.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    public static string Intent(string id, string status, long amount = 4999, string extra = "")
        => $$"""{"id":"{{id}}","object":"payment_intent","status":"{{status}}","amount":{{amount}},"currency":"usd","metadata":{"order_id":"ord_1"}{{extra}}}""";

    public static string CardError(string code, string? declineCode, string paymentIntentId = "pi_declined")
    {
        var decline = declineCode is null ? string.Empty : $"\"decline_code\":\"{declineCode}\",";
        return "{\"error\":{\"type\":\"card_error\",\"code\":\"" + code + "\"," + decline
               + "\"message\":\"Your card was declined.\",\"payment_intent\":{\"id\":\"" + paymentIntentId
               + "\",\"object\":\"payment_intent\",\"status\":\"requires_payment_method\"}}}";
    }

    public void Dispose() => Server.Stop();
}
