using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Carts;

/// <summary>The order a checkout created (or created earlier, for a repeated idempotency key).</summary>
[GenerateSerializer]
[Immutable]
[Alias("pe.carts.checkout-result")]
public sealed record CheckoutResult([Id(0)] string OrderId, [Id(1)] Money Total, [Id(2)] Money Discount, [Id(3)] int PointsRedeemed, [Id(4)] bool Replayed);
