using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Carts;

/// <summary>Checkout input. The idempotency key makes a retried checkout return the same order.</summary>
/// <param name="IdempotencyKey">Client-chosen key, unique per checkout attempt.</param>
/// <param name="CustomerId">The buyer (customer id, or a guest id).</param>
/// <param name="Email">Where confirmations go.</param>
/// <param name="ShipTo">Shipping address.</param>
/// <param name="PointsToRedeem">Loyalty points to spend on this order (0 for none).</param>
/// <param name="Guest">No account: the guest limits and the guest payment timeout apply.</param>
[GenerateSerializer]
[Immutable]
[Alias("pe.carts.checkout-request")]
public sealed record CheckoutRequest(
    [Id(0)] string IdempotencyKey,
    [Id(1)] string CustomerId,
    [Id(2)] string Email,
    [Id(3)] Address ShipTo,
    [Id(4)] int PointsToRedeem = 0,
    [Id(5)] bool Guest = false);
