using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Shipping;

namespace PacificEdge.Grains.Integration.Shipping;

/// <summary>The shipping platform port (ShipStation-like).</summary>
public interface IShippingPlatform
{
    /// <summary>
    /// Creates (or, for a known order key, returns) the platform's orders in one request of at most
    /// <see cref="ShippingOptions.MaxOrdersPerRequest"/>. Returns one result per order, in the same order.
    /// </summary>
    /// <exception cref="ShippingRateLimitedException">The platform's request limit was hit; nothing was created, retry after the given delay.</exception>
    /// <exception cref="ShippingPlatformException">The whole request failed; <see cref="ShippingPlatformException.Transient"/> says whether a retry may help.</exception>
    Task<IReadOnlyList<ShippingOrderResult>> CreateOrdersAsync(IReadOnlyList<ShippingOrder> orders, CancellationToken cancellationToken);

    /// <summary>Fetches what a thin webhook points at (its resource_url), with the platform's credentials.</summary>
    Task<IReadOnlyList<CarrierNotice>> FetchNoticesAsync(Uri resourceUrl, CancellationToken cancellationToken);
}

/// <param name="OrderKey">Our shipment id: the platform de-duplicates on it.</param>
/// <param name="OrderNumber">Our order id, shown to warehouse staff.</param>
public sealed record ShippingOrder(string OrderKey, string OrderNumber, string Email, Address ShipTo, IReadOnlyList<ShipmentItem> Items);

/// <summary>What the platform said about one order of a bulk create: its order id, or why not.</summary>
/// <param name="OrderKey">The order key it answers.</param>
/// <param name="PlatformOrderId">Set when the platform holds the order.</param>
/// <param name="Error">Why the order was not created.</param>
/// <param name="Retryable">Whether sending the same order again may succeed (false: the platform refused its data).</param>
public sealed record ShippingOrderResult(string OrderKey, string? PlatformOrderId, string? Error, bool Retryable)
{
    public bool Succeeded => PlatformOrderId is not null;

    public static ShippingOrderResult Created(string orderKey, string platformOrderId) => new(orderKey, platformOrderId, null, false);

    public static ShippingOrderResult Failed(string orderKey, string error, bool retryable) => new(orderKey, null, error, retryable);
}

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
