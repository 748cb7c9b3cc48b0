using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Orders;

/// <summary>What checkout hands the order grain: stock is already reserved and points held for <see cref="OrderId"/>.</summary>
/// <remarks><see cref="Guest"/>: no account, so the shorter guest payment timeout applies.</remarks>
[GenerateSerializer]
[Alias("pe.orders.order-draft")]
public sealed record OrderDraft(
    [Id(0)] string OrderId,
    [Id(1)] string CustomerId,
    [Id(2)] string Email,
    [Id(3)] IReadOnlyList<OrderLine> Lines,
    [Id(4)] Money Subtotal,
    [Id(5)] Money Discount,
    [Id(6)] int PointsRedeemed,
    [Id(7)] Address ShipTo,
    [Id(8)] string CartId,
    [Id(9)] bool Guest = false)
{
    public Money Total => Subtotal - Discount;
}
