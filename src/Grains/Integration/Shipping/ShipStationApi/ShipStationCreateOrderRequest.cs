namespace PacificEdge.Grains.Integration.Shipping.ShipStationApi;

/// <summary>
/// One order of <c>POST /orders/createorders</c> (whose body is a JSON array of these). The platform de-duplicates
/// on <see cref="OrderKey"/>: the same key updates (never duplicates) the order.
/// </summary>
internal sealed record ShipStationCreateOrderRequest(
    string OrderNumber,
    string OrderKey,
    string OrderDate,
    string OrderStatus,
    string CustomerEmail,
    ShipStationAddress BillTo,
    ShipStationAddress ShipTo,
    IReadOnlyList<ShipStationOrderItem> Items)
{
    public const string AwaitingShipment = "awaiting_shipment";
}
