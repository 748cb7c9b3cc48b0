namespace PacificEdge.Grains.Interfaces.Shipping;

/// <summary>A carrier's news, as fetched from the shipping platform after its webhook.</summary>
/// <param name="EventId">Unique per event (a repeat is a no-op).</param>
/// <param name="Kind">What happened.</param>
/// <param name="Carrier">Carrier code (e.g. ups, usps).</param>
/// <param name="TrackingNumber">Tracking number.</param>
/// <param name="TrackingUrl">Where the shopper can track it.</param>
/// <param name="Detail">Exception reason or note.</param>
[GenerateSerializer]
[Immutable]
[Alias("pe.shipping.carrier-event")]
public sealed record CarrierEvent(
    [Id(0)] string EventId,
    [Id(1)] CarrierEventKind Kind,
    [Id(2)] string? Carrier = null,
    [Id(3)] string? TrackingNumber = null,
    [Id(4)] string? TrackingUrl = null,
    [Id(5)] string? Detail = null);

[GenerateSerializer]
[Alias("pe.shipping.carrier-event-kind")]
public enum CarrierEventKind
{
    Shipped,
    Delivered,
    Exception,
}
