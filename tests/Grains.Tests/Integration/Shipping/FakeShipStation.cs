using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PacificEdge.Grains.Hosting;
using PacificEdge.Grains.Integration.Shipping;
using Microsoft.Extensions.Logging;
using PacificEdge.Grains.Tests.Integration.Support;
using PacificEdge.Testing;
using WireMock.Server;
using WireMock.Settings;

namespace PacificEdge.Grains.Tests.Integration.Shipping;

/// <summary>
/// A fake ShipStation (WireMock.Net on 127.0.0.1) and the real typed client from DI in Live mode pointed at it,
/// on a manual clock: retry delays and rate-limit waits only pass when a test advances it.
/// </summary>
internal sealed class FakeShipStation : IDisposable
{
    /// <summary>The bulk create's path.</summary>
    public const string CreateOrdersPath = "/orders/createorders";

    public const string ApiKey = "live-test-key";
    public const string ApiSecret = "live-test-secret";

    private readonly List<ServiceProvider> providers = [];

    public FakeShipStation()
    {
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort()}"] });
    }

    public WireMockServer Server { get; }

    public ManualTimeProvider Time { get; } = new();

    /// <summary>What the clients log.</summary>
    public LogCapture Logs { get; } = new();

    public Uri BaseUrl => new(Server.Url!);

    /// <summary>Expected basic-auth header value for <see cref="ApiKey"/>:<see cref="ApiSecret"/>.</summary>
    public static string BasicAuthorization => "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{ApiKey}:{ApiSecret}"));

    /// <summary>A createorders answer: each order key with its platform id, or with 0 and an error message (a per-order failure).</summary>
    public static string CreateOrdersAnswer(params (string OrderKey, long OrderId, string? Error)[] results)
        => System.Text.Json.JsonSerializer.Serialize(new
        {
            hasErrors = results.Any(r => r.Error is not null),
            results = results.Select(r => new { orderId = r.OrderId, orderNumber = "ord", orderKey = r.OrderKey, success = r.Error is null, errorMessage = r.Error }),
        });

    /// <summary>The JSON bodies the fake received on <paramref name="path"/>.</summary>
    public IReadOnlyList<string> Bodies(string path)
        => [.. Server.LogEntries.Where(e => e.RequestMessage.Path == path).Select(e => e.RequestMessage.Body ?? string.Empty)];

    /// <summary>Requests the fake received on <paramref name="path"/>.</summary>
    public int Requests(string path) => Server.LogEntries.Count(e => e.RequestMessage.Path == path);

    /// <summary>The client as the silo resolves it (<see cref="IShippingPlatform"/>), configured like a live deployment.</summary>
    public IShippingPlatform CreateClient(Action<ShippingOptions>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Commerce:Shipping:Mode"] = "Live",
            ["Commerce:Shipping:BaseUrl"] = Server.Url,
            ["Commerce:Shipping:ApiKey"] = ApiKey,
            ["Commerce:Shipping:ApiSecret"] = ApiSecret,
            ["Commerce:Shipping:RetryBaseDelay"] = "00:00:00",
        };
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging(logging => logging.AddProvider(Logs));
        services.AddSingleton<TimeProvider>(Time);
        services.AddCommerceShipping();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        providers.Add(provider);
        return provider.GetRequiredService<IShippingPlatform>();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        foreach (var provider in providers)
        {
            provider.Dispose();
        }

        Server.Stop();
        Server.Dispose();
    }
}
