namespace PacificEdge.Grains.Interfaces.Orders;

/// <summary>Where order status events go (SignalR hubs in-process, or PostgreSQL NOTIFY across processes).</summary>
public interface IOrderEventPublisher
{
    Task PublishAsync(OrderStatusChanged change, CancellationToken cancellationToken);
}
