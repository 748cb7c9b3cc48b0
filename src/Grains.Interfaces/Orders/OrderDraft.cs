using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Orders;

/// <summary>What checkout hands the order grain: stock is already reserved and points held for <see cref="OrderId"/>.</summary>
public sealed record OrderDraft(
    string OrderId,
    string CustomerId,
    string Email,
    IReadOnlyList<OrderLine> Lines,
    Money Subtotal,
    Money Discount,
    int PointsRedeemed,
    Address ShipTo,
    string CartId)
{
    public Money Total => Subtotal - Discount;
}
