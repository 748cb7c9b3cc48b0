using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Carts;

/// <summary>A cart as the shopper sees it.</summary>
public sealed record CartView(
    string CartId,
    string? CustomerId,
    IReadOnlyList<CartLine> Lines,
    Money? Subtotal,
    int ItemCount,
    DateTimeOffset? LastChangedAt,
    long Version,
    IReadOnlyList<TimelineEntry> Timeline);
