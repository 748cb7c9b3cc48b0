using System.Text.Json;
using PacificEdge.Grains.Interfaces.Orders;

namespace PacificEdge.Grains.Events;

/// <summary>
/// The silo's <see cref="IOrderEventPublisher"/>: updates the PostgreSQL projection and notifies
/// other processes (when PostgreSQL is used), then delivers in-process (the co-hosted front end).
/// A failure throws, so the order keeps the event in its outbox and publishes it again.
/// </summary>
public sealed class OrderEventPublisher(InProcessOrderEventBus bus, OrderSummaryProjection? projection = null) : IOrderEventPublisher
{
    public static readonly JsonSerializerOptions WireOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public async Task PublishAsync(OrderStatusChanged change, CancellationToken cancellationToken)
    {
        if (projection is not null)
        {
            await projection.ApplyAsync(change, JsonSerializer.Serialize(change, WireOptions), cancellationToken);
        }

        await bus.PublishAsync(change, cancellationToken);
    }
}
