namespace PacificEdge.Grains.Integration.Shipping.ShipStationApi;

/// <summary>
/// One entry of the platform's shipments list, as a SHIP_NOTIFY resource_url returns it. The last three fields
/// are our documented extension for news after shipping (the platform itself only reports shipments):
/// <c>trackingStatus</c> is <c>shipped</c> (also when absent), <c>delivered</c> or <c>exception</c>;
/// <c>trackingStatusDate</c> is when the carrier reported it (ISO 8601); <c>trackingDetail</c> says why for an exception.
/// </summary>
internal sealed record ShipStationShipment(
    long ShipmentId,
    long OrderId,
    string OrderKey,
    string? OrderNumber,
    string? CarrierCode,
    string? ServiceCode,
    string? TrackingNumber,
    string? ShipDate,
    bool Voided,
    string? TrackingStatus = null,
    DateTimeOffset? TrackingStatusDate = null,
    string? TrackingDetail = null)
{
    public const string Shipped = "shipped";
    public const string Delivered = "delivered";
    public const string Exception = "exception";
}
