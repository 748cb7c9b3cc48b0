namespace PacificEdge.Grains.Integration.Shipping;

/// <summary>Which shipping platform the client talks to.</summary>
public enum ShippingMode
{
    /// <summary>The in-process <see cref="ShipStationSimulator"/> (default): no network, no credentials.</summary>
    Sandbox,

    /// <summary>The real platform at <see cref="ShippingOptions.BaseUrl"/> with real credentials.</summary>
    Live,
}
