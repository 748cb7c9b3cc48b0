namespace PacificEdge.Grains.Integration.Shipping.ShipStationApi;

/// <summary>The answer of <c>POST /orders/createorders</c>: <c>{"hasErrors":bool,"results":[…]}</c>, one result per order sent.</summary>
internal sealed record ShipStationCreateOrdersResponse(bool HasErrors, IReadOnlyList<ShipStationCreateOrderResult>? Results);
