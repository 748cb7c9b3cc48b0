namespace PacificEdge.Grains.Integration.Shipping.ShipStationApi;

/// <summary><c>{"shipments":[…],"total":n,"page":1,"pages":1}</c>.</summary>
internal sealed record ShipStationShipmentList(IReadOnlyList<ShipStationShipment> Shipments, int Total, int Page, int Pages);
