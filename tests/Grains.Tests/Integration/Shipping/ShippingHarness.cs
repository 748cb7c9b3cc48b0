using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Hosting;
using PacificEdge.Grains.Integration.Shipping;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Shipping;
using PacificEdge.Grains.Tests.Integration.Support;
using PacificEdge.Simulators.Shipping;

namespace PacificEdge.Grains.Tests.Integration.Shipping;

/// <summary>
/// The real ShipStation client from DI (typed client, resilience and rate-limit handlers) over the simulator, on a
/// manual clock. Client and platform options are separate, as they are separate parties; every extra client
/// (<see cref="CreateClient"/>) is another process on the same platform, with its own limiter, gate and circuit.
/// </summary>
internal sealed class ShippingHarness : IDisposable
{
    public const string ApiKey = "test-key";
    public const string ApiSecret = "test-secret";

    private readonly List<ServiceProvider> providers = [];

    public ShippingHarness(Action<ShippingOptions>? client = null, Action<ShippingOptions>? platform = null)
    {
        var platformOptions = new ShippingOptions { ApiKey = ApiKey, ApiSecret = ApiSecret };
        platform?.Invoke(platformOptions);
        Simulator = new ShipStationSimulator(Options.Create(platformOptions), Time);

        var services = Build(client);
        Client = services.GetRequiredService<ShipStationClient>();
        ClientOptions = services.GetRequiredService<IOptions<ShippingOptions>>().Value;
        Limiter = services.GetRequiredService<ShippingRequestLimiter>();
    }

    public ManualTimeProvider Time { get; } = new();

    public ShippingOptions ClientOptions { get; }

    public ShipStationSimulator Simulator { get; }

    public ShippingRequestLimiter Limiter { get; }

    public ShipStationClient Client { get; }

    public static ShippingOrder Order(string key = "shp_ord_1", string orderNumber = "ord_1")
        => new(
            key,
            orderNumber,
            "shopper@example.com",
            new Address("Ada Lovelace", "1 Harbour St", "Seattle", "98101", "US", Line2: "Suite 2", Region: "WA"),
            [new ShipmentItem("COA-100", "Magnesium glycinate", 2), new ShipmentItem("COA-200", "Vitamin D3", 1)]);

    /// <summary>A client of another process on the same simulator and clock.</summary>
    public ShipStationClient CreateClient(Action<ShippingOptions>? client = null)
        => Build(client).GetRequiredService<ShipStationClient>();

    public void Dispose()
    {
        foreach (var provider in providers)
        {
            provider.Dispose();
        }

        Simulator.Dispose();
    }

    private ServiceProvider Build(Action<ShippingOptions>? client)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddKeyedSingleton<HttpMessageHandler>(ShippingMode.Sandbox, Simulator);
        services.AddCommerceShipping();
        services.Configure<ShippingOptions>(o =>
        {
            o.ApiKey = ApiKey;
            o.ApiSecret = ApiSecret;
            o.RetryBaseDelay = TimeSpan.Zero;
            client?.Invoke(o);
        });
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        providers.Add(provider);
        return provider;
    }
}
