using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Shipping;

[GenerateSerializer]
[Alias("pe.shipping.shipment-view")]
public sealed record ShipmentView(
    [Id(0)] string ShipmentId,
    [Id(1)] string OrderId,
    [Id(2)] ShipmentStatus Status,
    [Id(3)] string? PlatformOrderId,
    [Id(4)] int PushAttempts,
    [Id(5)] DateTimeOffset? NextPushAt,
    [Id(6)] string? Carrier,
    [Id(7)] string? TrackingNumber,
    [Id(8)] string? TrackingUrl,
    [Id(9)] long Version,
    [Id(10)] IReadOnlyList<TimelineEntry> Timeline);
