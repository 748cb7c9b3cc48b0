using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Shipping;

namespace PacificEdge.Grains.Integration.Shipping;

/// <summary>The shipping platform port (ShipStation-like).</summary>
public interface IShippingPlatform
{
    /// <summary>Creates (or, for a known order key, returns) the platform's order. Returns the platform order id.</summary>
    /// <exception cref="ShippingRateLimitedException">The platform's request limit was hit; retry after the given delay.</exception>
    /// <exception cref="ShippingPlatformException">Any other failure; <see cref="ShippingPlatformException.Transient"/> says whether a retry may help.</exception>
    Task<string> CreateOrderAsync(ShippingOrder order, CancellationToken cancellationToken);

    /// <summary>Fetches what a thin webhook points at (its resource_url), with the platform's credentials.</summary>
    Task<IReadOnlyList<CarrierNotice>> FetchNoticesAsync(Uri resourceUrl, CancellationToken cancellationToken);
}

/// <param name="OrderKey">Our shipment id: the platform de-duplicates on it.</param>
/// <param name="OrderNumber">Our order id, shown to warehouse staff.</param>
public sealed record ShippingOrder(string OrderKey, string OrderNumber, string Email, Address ShipTo, IReadOnlyList<ShipmentItem> Items);

/// <summary>A carrier event for one of our shipments (identified by the order key we pushed).</summary>
public sealed record CarrierNotice(string ShipmentId, CarrierEvent Event);

public class ShippingPlatformException(string message, bool transient, Exception? inner = null) : Exception(message, inner)
{
    public bool Transient { get; } = transient;
}

public sealed class ShippingRateLimitedException(TimeSpan retryAfter)
    : ShippingPlatformException($"Shipping platform rate limit reached; retry after {retryAfter.TotalSeconds:0} s.", transient: true)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
