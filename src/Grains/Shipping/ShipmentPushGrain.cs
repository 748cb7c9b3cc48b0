using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using PacificEdge.Grains.Integration.Shipping;
using PacificEdge.Grains.Interfaces.Shipping;

namespace PacificEdge.Grains.Shipping;

/// <summary>
/// The cluster's shipment batcher (one activation, key <see cref="IShipmentPushGrain.Key"/>): one request budget for
/// every silo (<see cref="ShipmentPushBudget"/>), one bulk create per permit with up to
/// <see cref="ShippingOptions.BatchSize"/> orders, each shipment called back with its outcome.
/// </summary>
/// <remarks>
/// <para>
/// Threading: the grain is not reentrant, so <see cref="Enqueue"/> calls run one at a time and never wait on
/// anything. Sending is a loop the activation owns (started on activation, stopped on deactivation); its continuations
/// run on the grain's scheduler between requests, so while a bulk create is in flight, hand-offs keep being queued
/// (no caller waits for the platform, let alone past the 30 s call timeout). Every field is only touched on that one
/// thread; the loop sends one request at a time, and the orders of a request are kept in <c>_inFlight</c> until it is
/// answered, so a repeated hand-off is neither queued twice nor sent twice.
/// </para>
/// <para>
/// Durability: nothing here is stored. A shipment keeps its own pending state and wake-up and offers its order again
/// after <see cref="ShippingOptions.HandOffTimeout"/>, so a lost activation delays pushes but loses none; the platform
/// de-duplicates on the order key should an order be sent twice.
/// </para>
/// <para>
/// A rate-limited request is normal flow: its orders go back to the front of the queue and wait, quietly, for the
/// time the platform gave; shipments hear nothing. Any other failure of a request is each shipment's failed attempt.
/// </para>
/// </remarks>
[GrainType("shipment-push")]
public sealed partial class ShipmentPushGrain(
    IShippingPlatform platform,
    IOptions<ShippingOptions> options,
    TimeProvider time,
    ILogger<ShipmentPushGrain> logger) : Grain, IShipmentPushGrain
{
    private readonly OrderedDictionary<string, Queued> _queue = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);
    private readonly ShipmentPushBudget _budget = new(options.Value.RequestsPerMinute, options.Value.RateLimitWindow);
    private TaskCompletionSource _arrived = new();
    private CancellationTokenSource? _stop;
    private Task? _loop;

    private ShippingOptions Settings => options.Value;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _stop = new CancellationTokenSource();
        _loop = RunAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_stop is null || _loop is null)
        {
            return;
        }

        // Orders still queued are offered again by their shipments after the hand-off timeout.
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        if (_queue.Count > 0)
        {
            LogDeactivatedWithBacklog(_queue.Count);
        }
    }

    public Task<bool> Enqueue(string shipmentId, ShipmentRequest request)
    {
        ArgumentException.ThrowIfNullOrEmpty(shipmentId);
        ArgumentNullException.ThrowIfNull(request);
        if (_inFlight.Contains(shipmentId))
        {
            return Task.FromResult(true);
        }

        var order = new ShippingOrder(shipmentId, request.OrderId, request.Email, request.ShipTo, request.Items);
        if (_queue.TryGetValue(shipmentId, out var queued))
        {
            // Keeps its place in the queue.
            _queue[shipmentId] = queued with { Order = order };
            return Task.FromResult(true);
        }

        if (_queue.Count >= Settings.BatchBacklogLimit)
        {
            LogBacklogFull(shipmentId, _queue.Count);
            return Task.FromResult(false);
        }

        _queue.Add(shipmentId, new Queued(order, time.GetUtcNow()));
        _arrived.TrySetResult();
        return Task.FromResult(true);
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow();
                var due = NextSendAt(now);
                if (due is { } at && at <= now)
                {
                    await SendBatchAsync(stop);
                }
                else
                {
                    await WaitAsync(due is { } later ? later - now : Timeout.InfiniteTimeSpan, stop);
                }
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                // A bug, not the platform (SendBatchAsync handles that): keep the loop alive rather than strand the queue.
                LogLoopFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stop);
            }
        }
    }

    // Null while nothing is queued. A full batch goes as soon as a permit is free; a partial one waits for the
    // linger (others may join it) and for the spacing between requests.
    private DateTimeOffset? NextSendAt(DateTimeOffset now)
    {
        if (_queue.Count == 0)
        {
            return null;
        }

        var full = _queue.Count >= Settings.BatchSize;
        var earliest = _budget.EarliestSend(now, full);
        var lingered = full ? now : _queue.GetAt(0).Value.QueuedAt + Settings.BatchLinger;
        return lingered > earliest ? lingered : earliest;
    }

    // Until the due time or a new arrival, whichever comes first (an arrival may fill a batch or start a linger).
    private async Task WaitAsync(TimeSpan wait, CancellationToken stop)
    {
        if (_arrived.Task.IsCompleted)
        {
            _arrived = new TaskCompletionSource();
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(stop);
        await Task.WhenAny(_arrived.Task, Task.Delay(wait, time, timer.Token));
        await timer.CancelAsync();
    }

    private async Task SendBatchAsync(CancellationToken stop)
    {
        var batch = new List<ShippingOrder>(Math.Min(Settings.BatchSize, _queue.Count));
        while (batch.Count < Settings.BatchSize && _queue.Count > 0)
        {
            var (key, queued) = _queue.GetAt(0);
            _queue.RemoveAt(0);
            _inFlight.Add(key);
            batch.Add(queued.Order);
        }

        var sentAt = time.GetUtcNow();
        try
        {
            var results = await platform.CreateOrdersAsync(batch, stop);
            _budget.Answered(time.GetUtcNow());
            LogBatchSent(batch.Count, results.Count(r => r.Succeeded), _queue.Count);
            foreach (var result in results)
            {
                Deliver(result.OrderKey, new ShipmentPushResult(result.PlatformOrderId, result.Error, result.Retryable));
            }
        }
        catch (ShippingRateLimitedException limited)
        {
            // Normal flow: back to the front of the queue, sent when the platform allows. No stack trace, no callbacks.
            _budget.Answered(time.GetUtcNow());
            _budget.PauseUntil(time.GetUtcNow() + limited.RetryAfter);
            Requeue(batch, sentAt);
            LogDeferred(batch.Count, limited.RetryAfter);
        }
        catch (Exception ex) when (!stop.IsCancellationRequested)
        {
            _budget.Answered(time.GetUtcNow());
            var transient = ShippingResilience.IsTransient(ex);
            LogBatchFailed(ex, batch.Count);
            foreach (var order in batch)
            {
                Deliver(order.OrderKey, new ShipmentPushResult(null, ex.Message, transient));
            }
        }
        finally
        {
            foreach (var order in batch)
            {
                _inFlight.Remove(order.OrderKey);
            }
        }
    }

    private void Requeue(List<ShippingOrder> batch, DateTimeOffset queuedAt)
    {
        for (var i = batch.Count - 1; i >= 0; i--)
        {
            // A shipment that offered again meanwhile was ignored (in flight), so none of these is queued.
            _queue.Insert(0, batch[i].OrderKey, new Queued(batch[i], queuedAt));
        }
    }

    // Not awaited: a slow or unreachable shipment must not hold up the next request. A lost answer is not lost work:
    // the shipment offers its order again after the hand-off timeout.
    private void Deliver(string shipmentId, ShipmentPushResult result)
        => _ = DeliverAsync(shipmentId, result);

    private async Task DeliverAsync(string shipmentId, ShipmentPushResult result)
    {
        try
        {
            await GrainFactory.GetGrain<IShipmentGrain>(shipmentId).PushCompleted(result);
        }
        catch (Exception ex)
        {
            LogDeliveryFailed(shipmentId, ex.GetType().Name);
        }
    }

    private sealed record Queued(ShippingOrder Order, DateTimeOffset QueuedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipment batch of {Count} sent: {Created} created; {Queued} still queued")]
    private partial void LogBatchSent(int count, int created, int queued);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipment batch of {Count} deferred by the platform's rate limit; sending again in {RetryAfter}")]
    private partial void LogDeferred(int count, TimeSpan retryAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shipment batch of {Count} failed; each shipment retries after its backoff")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipment {ShipmentId} not queued: {Queued} orders already wait; it offers again later")]
    private partial void LogBacklogFull(string shipmentId, int queued);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipment {ShipmentId} did not take its push result ({Error}); it offers its order again later")]
    private partial void LogDeliveryFailed(string shipmentId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shipment batcher loop failed; it goes on in a second")]
    private partial void LogLoopFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipment batcher deactivated with {Queued} orders queued; their shipments offer them again")]
    private partial void LogDeactivatedWithBacklog(int queued);
}
