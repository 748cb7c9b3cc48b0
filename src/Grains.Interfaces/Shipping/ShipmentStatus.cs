namespace PacificEdge.Grains.Interfaces.Shipping;

[GenerateSerializer]
[Alias("pe.shipping.shipment-status")]
public enum ShipmentStatus
{
    /// <summary>Created; not yet accepted by the shipping platform (pushes are retried).</summary>
    Pending,

    /// <summary>Accepted by the shipping platform.</summary>
    Pushed,

    Shipped,
    Delivered,

    /// <summary>The carrier reported a problem.</summary>
    Exception,
}
