using PacificEdge.Grains.Integration.Shipping;

namespace PacificEdge.Grains.Tests.Integration.Shipping;

/// <summary>One order through the bulk create, for tests about the request path rather than batching.</summary>
internal static class ShippingPlatformExtensions
{
    /// <summary>Returns the platform order id; a per-order failure throws (request failures throw as they come).</summary>
    public static async Task<string> CreateOrderAsync(this IShippingPlatform platform, ShippingOrder order, CancellationToken cancellationToken)
    {
        var result = Assert.Single(await platform.CreateOrdersAsync([order], cancellationToken));
        return result.PlatformOrderId ?? throw new ShippingPlatformException(result.Error ?? "refused", result.Retryable);
    }
}
