using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Shipping;

public sealed record ShipmentView(
    string ShipmentId,
    string OrderId,
    ShipmentStatus Status,
    string? PlatformOrderId,
    int PushAttempts,
    DateTimeOffset? NextPushAt,
    string? Carrier,
    string? TrackingNumber,
    string? TrackingUrl,
    long Version,
    IReadOnlyList<TimelineEntry> Timeline);
