namespace PacificEdge.Grains.Interfaces.Orders;

/// <summary>The fulfilment axis of an order, independent of payment.</summary>
public enum FulfilmentStatus
{
    Unfulfilled,
    InProgress,
    Shipped,
    Delivered,
    OnHold,
    Cancelled,
}
