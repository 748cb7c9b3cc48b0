namespace PacificEdge.Grains.Integration.Shipping.ShipStationApi;

/// <summary>One order's outcome in a bulk create: its platform id when <see cref="Success"/>, else <see cref="ErrorMessage"/>.</summary>
internal sealed record ShipStationCreateOrderResult(long OrderId, string? OrderNumber, string? OrderKey, bool Success, string? ErrorMessage);
