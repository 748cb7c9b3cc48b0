namespace PacificEdge.Grains.Interfaces.Orders;

/// <summary>A shipment's news for its order.</summary>
/// <param name="UpdateKey">Unique per update, so a repeat is a no-op.</param>
/// <param name="ShipmentId">The shipment.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Carrier">Carrier code, when shipped.</param>
/// <param name="TrackingNumber">Tracking number, when shipped.</param>
/// <param name="TrackingUrl">Tracking link, when shipped.</param>
/// <param name="Detail">Free text (exception reason).</param>
[GenerateSerializer]
[Immutable]
[Alias("pe.orders.shipment-update")]
public sealed record ShipmentUpdate(
    [Id(0)] string UpdateKey,
    [Id(1)] string ShipmentId,
    [Id(2)] ShipmentUpdateKind Kind,
    [Id(3)] string? Carrier = null,
    [Id(4)] string? TrackingNumber = null,
    [Id(5)] string? TrackingUrl = null,
    [Id(6)] string? Detail = null);

[GenerateSerializer]
[Alias("pe.orders.shipment-update-kind")]
public enum ShipmentUpdateKind
{
    /// <summary>Accepted by the shipping platform: fulfilment is in progress.</summary>
    Accepted,
    Shipped,
    Delivered,
    Exception,
}
