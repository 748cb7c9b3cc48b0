using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Shipping;

public sealed record ShipmentItem(string Sku, string Name, int Quantity);

/// <summary>What a paid order asks to ship.</summary>
public sealed record ShipmentRequest(string OrderId, string Email, Address ShipTo, IReadOnlyList<ShipmentItem> Items);
