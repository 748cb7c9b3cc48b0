using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Carts;

/// <summary>The order a checkout created (or created earlier, for a repeated idempotency key).</summary>
public sealed record CheckoutResult(string OrderId, Money Total, Money Discount, int PointsRedeemed, bool Replayed);
