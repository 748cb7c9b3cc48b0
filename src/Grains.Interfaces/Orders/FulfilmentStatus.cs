namespace PacificEdge.Grains.Interfaces.Orders;

/// <summary>The fulfilment axis of an order, independent of payment.</summary>
[GenerateSerializer]
[Alias("pe.orders.fulfilment-status")]
public enum FulfilmentStatus
{
    Unfulfilled,
    InProgress,
    Shipped,
    Delivered,
    OnHold,
    Cancelled,
}
