namespace PacificEdge.Grains.Interfaces.Shipping;

/// <summary>A carrier's news, as fetched from the shipping platform after its webhook.</summary>
/// <param name="EventId">Unique per event (a repeat is a no-op).</param>
/// <param name="Kind">What happened.</param>
/// <param name="Carrier">Carrier code (e.g. ups, usps).</param>
/// <param name="TrackingNumber">Tracking number.</param>
/// <param name="TrackingUrl">Where the shopper can track it.</param>
/// <param name="Detail">Exception reason or note.</param>
public sealed record CarrierEvent(
    string EventId,
    CarrierEventKind Kind,
    string? Carrier = null,
    string? TrackingNumber = null,
    string? TrackingUrl = null,
    string? Detail = null);

public enum CarrierEventKind
{
    Shipped,
    Delivered,
    Exception,
}
