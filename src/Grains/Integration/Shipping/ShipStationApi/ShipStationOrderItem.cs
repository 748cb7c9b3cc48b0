namespace PacificEdge.Grains.Integration.Shipping.ShipStationApi;

/// <summary>One line of a platform order.</summary>
internal sealed record ShipStationOrderItem(string Sku, string Name, int Quantity);
