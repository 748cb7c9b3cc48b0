using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Shipping;

/// <summary>
/// One shipment (key: shipment id, see <see cref="Common.Ids.ShipmentIdFor"/>). Pushed to the
/// shipping platform through the cluster's batcher (<see cref="IShipmentPushGrain"/>), with exponential
/// backoff after a failed attempt; carrier events move it on and each change is passed to its order.
/// </summary>
[Alias("shipment")]
public interface IShipmentGrain : IWakeUpGrain
{
    /// <summary>Creates the shipment and starts pushing it. Idempotent.</summary>
    Task<ShipmentView> Create(ShipmentRequest request);

    /// <exception cref="Common.NotFoundException">Never created.</exception>
    Task<ShipmentView> Get();

    /// <summary>Applies a carrier event; a repeated event id changes nothing.</summary>
    Task<ShipmentView> ApplyCarrierEvent(CarrierEvent carrierEvent);

    /// <summary>The batcher's answer to a push; ignored unless the shipment is still pending.</summary>
    Task PushCompleted(ShipmentPushResult result);
}
