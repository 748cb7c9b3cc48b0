namespace PacificEdge.Grains.Integration.Shipping.ShipStationApi;

/// <summary>The platform's address object (shipTo, billTo).</summary>
internal sealed record ShipStationAddress(
    string Name,
    string? Street1 = null,
    string? Street2 = null,
    string? City = null,
    string? State = null,
    string? PostalCode = null,
    string? Country = null);
