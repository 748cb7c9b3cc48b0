namespace PacificEdge.Grains.Interfaces.Orders;

/// <summary>A shipment's news for its order.</summary>
/// <param name="UpdateKey">Unique per update, so a repeat is a no-op.</param>
/// <param name="ShipmentId">The shipment.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Carrier">Carrier code, when shipped.</param>
/// <param name="TrackingNumber">Tracking number, when shipped.</param>
/// <param name="TrackingUrl">Tracking link, when shipped.</param>
/// <param name="Detail">Free text (exception reason).</param>
public sealed record ShipmentUpdate(
    string UpdateKey,
    string ShipmentId,
    ShipmentUpdateKind Kind,
    string? Carrier = null,
    string? TrackingNumber = null,
    string? TrackingUrl = null,
    string? Detail = null);

public enum ShipmentUpdateKind
{
    /// <summary>Accepted by the shipping platform: fulfilment is in progress.</summary>
    Accepted,
    Shipped,
    Delivered,
    Exception,
}
