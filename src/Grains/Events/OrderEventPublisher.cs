using PacificEdge.Grains.Interfaces.Orders;

namespace PacificEdge.Grains.Events;

/// <summary>
/// The silo's <see cref="IOrderEventPublisher"/>: updates the PostgreSQL projection and notifies
/// other processes (when PostgreSQL is used), then delivers in-process (the co-hosted front end).
/// A failure throws, so the order keeps the event in its outbox and publishes it again.
/// </summary>
public sealed class OrderEventPublisher(InProcessOrderEventBus bus, OrderSummaryProjection? projection = null) : IOrderEventPublisher
{
    public async Task PublishAsync(OrderStatusChanged change, CancellationToken cancellationToken)
    {
        if (projection is not null)
        {
            await projection.ApplyAsync(change, OrderEventWire.Serialize(change), cancellationToken);
        }

        await bus.PublishAsync(change, cancellationToken);
    }
}
