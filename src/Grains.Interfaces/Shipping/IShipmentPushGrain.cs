namespace PacificEdge.Grains.Interfaces.Shipping;

/// <summary>
/// The cluster's one shipment batcher (key 0): shipments hand it their order, it sends them to the shipping platform
/// in bulk within the platform's request limit (one budget for every silo) and calls each shipment back with its
/// outcome (<see cref="IShipmentGrain.PushCompleted"/>). It holds orders in memory only: a shipment keeps its own
/// pending state and offers its order again if no answer comes.
/// </summary>
[Alias("shipment-push")]
public interface IShipmentPushGrain : IGrainWithIntegerKey
{
    /// <summary>The batcher's key.</summary>
    public const long Key = 0;

    /// <summary>
    /// Queues the shipment's order and returns at once: true when queued (a repeat of a queued or in-flight shipment
    /// changes nothing), false when the backlog is full (offer it again later).
    /// </summary>
    Task<bool> Enqueue(string shipmentId, ShipmentRequest request);
}
