namespace PacificEdge.Grains.Integration.Shipping;

/// <summary>Which shipping platform the client talks to.</summary>
public enum ShippingMode
{
    /// <summary>
    /// The in-process simulator (default): no network, no credentials. It is the <see cref="HttpMessageHandler"/> keyed
    /// <see cref="Sandbox"/> (PacificEdge.Simulators registers it).
    /// </summary>
    Sandbox,

    /// <summary>The real platform at <see cref="ShippingOptions.BaseUrl"/> with real credentials.</summary>
    Live,
}
