namespace PacificEdge.Grains.Interfaces.Orders;

/// <summary>In-process subscription to order status events (available where grains run in the same process).</summary>
public interface IOrderEventSubscription
{
    IDisposable Subscribe(Func<OrderStatusChanged, CancellationToken, Task> handler);
}
