using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Carts;

/// <summary>A cart as the shopper sees it.</summary>
[GenerateSerializer]
[Alias("pe.carts.cart-view")]
public sealed record CartView(
    [Id(0)] string CartId,
    [Id(1)] string? CustomerId,
    [Id(2)] IReadOnlyList<CartLine> Lines,
    [Id(3)] Money? Subtotal,
    [Id(4)] int ItemCount,
    [Id(5)] DateTimeOffset? LastChangedAt,
    [Id(6)] long Version,
    [Id(7)] IReadOnlyList<TimelineEntry> Timeline);
