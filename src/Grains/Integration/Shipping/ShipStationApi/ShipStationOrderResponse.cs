namespace PacificEdge.Grains.Integration.Shipping.ShipStationApi;

/// <summary>The part of the platform's order answer we read.</summary>
internal sealed record ShipStationOrderResponse(long OrderId, string? OrderNumber, string? OrderKey, string? OrderStatus);
