using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using PacificEdge.Grains.Interfaces.Orders;

namespace PacificEdge.Grains.Events;

/// <summary>
/// Delivers order status events to subscribers in this process (the SignalR hubs when co-hosted).
/// A failing subscriber is logged and does not stop the others or the grain.
/// </summary>
public sealed partial class InProcessOrderEventBus(ILogger<InProcessOrderEventBus> logger) : IOrderEventPublisher, IOrderEventSubscription
{
    private ImmutableList<Func<OrderStatusChanged, CancellationToken, Task>> _subscribers = [];

    public IDisposable Subscribe(Func<OrderStatusChanged, CancellationToken, Task> handler)
    {
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(handler)));
    }

    public async Task PublishAsync(OrderStatusChanged change, CancellationToken cancellationToken)
    {
        foreach (var subscriber in _subscribers)
        {
            try
            {
                await subscriber(change, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogSubscriberFailed(ex, change.OrderId, change.Version);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An order event subscriber failed for {OrderId} version {Version}")]
    private partial void LogSubscriberFailed(Exception exception, string orderId, long version);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
