using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Integration.Shipping;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Shipping;
using PacificEdge.Grains.Tests.Integration.Support;

namespace PacificEdge.Grains.Tests.Integration.Shipping;

/// <summary>The real ShipStation client over the simulator, on a manual clock. Client and platform options are separate, as they are separate parties.</summary>
internal sealed class ShippingHarness : IDisposable
{
    public const string ApiKey = "test-key";
    public const string ApiSecret = "test-secret";

    public ShippingHarness(Action<ShippingOptions>? client = null, Action<ShippingOptions>? platform = null)
    {
        var platformOptions = new ShippingOptions { ApiKey = ApiKey, ApiSecret = ApiSecret };
        platform?.Invoke(platformOptions);
        ClientOptions = new ShippingOptions { ApiKey = ApiKey, ApiSecret = ApiSecret, RetryBaseDelay = TimeSpan.Zero };
        client?.Invoke(ClientOptions);

        Simulator = new ShipStationSimulator(Options.Create(platformOptions), Time);
        Limiter = new ShippingRequestLimiter(Options.Create(ClientOptions), Time);
        Client = CreateClient(ClientOptions);
        Resilience = new ShippingResilience(Options.Create(ClientOptions), Time, NullLogger<ShippingResilience>.Instance);
    }

    public ManualTimeProvider Time { get; } = new();

    public ShippingOptions ClientOptions { get; }

    public ShipStationSimulator Simulator { get; }

    public ShippingRequestLimiter Limiter { get; }

    public ShipStationClient Client { get; }

    public ShippingResilience Resilience { get; }

    public static ShippingOrder Order(string key = "shp_ord_1", string orderNumber = "ord_1")
        => new(
            key,
            orderNumber,
            "shopper@example.com",
            new Address("Ada Lovelace", "1 Harbour St", "Seattle", "98101", "US", Line2: "Suite 2", Region: "WA"),
            [new ShipmentItem("COA-100", "Magnesium glycinate", 2), new ShipmentItem("COA-200", "Vitamin D3", 1)]);

    public ShipStationClient CreateClient(ShippingOptions options, ShippingRequestLimiter? limiter = null)
        => new(new HandlerHttpClientFactory(Simulator), Options.Create(options), limiter ?? Limiter, Time, NullLogger<ShipStationClient>.Instance);

    public Task<string> CreateResilientlyAsync(ShippingOrder order)
        => Resilience.ExecuteAsync(ShipStationClient.ProviderName, ct => new ValueTask<string>(Client.CreateOrderAsync(order, ct)), default);

    public void Dispose()
    {
        Simulator.Dispose();
    }
}
