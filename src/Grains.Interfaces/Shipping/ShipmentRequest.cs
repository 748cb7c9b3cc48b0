using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Shipping;

[GenerateSerializer]
[Immutable]
[Alias("pe.shipping.shipment-item")]
public sealed record ShipmentItem([Id(0)] string Sku, [Id(1)] string Name, [Id(2)] int Quantity);

/// <summary>What a paid order asks to ship.</summary>
[GenerateSerializer]
[Alias("pe.shipping.shipment-request")]
public sealed record ShipmentRequest([Id(0)] string OrderId, [Id(1)] string Email, [Id(2)] Address ShipTo, [Id(3)] IReadOnlyList<ShipmentItem> Items);
