using PacificEdge.Grains.Integration.Shipping;
using PacificEdge.Grains.Interfaces.Shipping;

namespace PacificEdge.Simulators.Shipping;

/// <summary>An order as the <see cref="ShipStationSimulator"/> holds it (a snapshot).</summary>
/// <param name="OrderId">The platform's order id.</param>
/// <param name="OrderKey">Our shipment id (the de-duplication key).</param>
/// <param name="OrderNumber">Our order id.</param>
/// <param name="CustomerEmail">As pushed.</param>
/// <param name="Items">As last pushed.</param>
/// <param name="Status"><c>awaiting_shipment</c>, <c>shipped</c>, <c>delivered</c> or <c>exception</c>.</param>
/// <param name="ShipmentId">Set once shipped.</param>
/// <param name="CarrierCode">Set once shipped.</param>
/// <param name="TrackingNumber">Set once shipped.</param>
public sealed record SimulatedShippingOrder(
    long OrderId,
    string OrderKey,
    string OrderNumber,
    string CustomerEmail,
    IReadOnlyList<ShipmentItem> Items,
    string Status,
    long? ShipmentId = null,
    string? CarrierCode = null,
    string? TrackingNumber = null);
