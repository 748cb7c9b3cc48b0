using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Common;
using PacificEdge.Grains.Integration.Shipping;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Interfaces.Shipping;
using Orleans;
using Orleans.Runtime;
using PacificEdge.Grains.Reminders;

namespace PacificEdge.Grains.Shipping;

/// <summary>
/// One shipment. Creating it records it and hands its order to the cluster's batcher
/// (<see cref="IShipmentPushGrain"/>), which answers at once and calls back with the outcome
/// (<see cref="PushCompleted"/>), so neither the paying order nor this grain waits for the shipping platform.
/// The shipment stays pending, with a wake-up (a grain timer while active, the silos' wake-up sweep after a
/// crash) at which it offers its order again: after <see cref="ShippingOptions.HandOffTimeout"/> if no answer
/// came (a lost batcher or silo), or after its exponential backoff if the attempt failed. A rate-limited
/// batch is the batcher's business: the shipment writes and logs nothing for it. News for the order goes
/// through an outbox so none is lost.
/// </summary>
[GrainType("shipment")]
public sealed partial class ShipmentGrain(
    [PersistentState("shipment", CommerceStorage.Name)] IPersistentState<ShipmentState> state,
    IOptions<ShippingOptions> shipping,
    IOptions<CommerceOptions> options,
    TimeProvider time,
    ILogger<ShipmentGrain> logger) : Grain, IShipmentGrain, IRemindable
{
    public const string Provider = "shipstation";
    // Reminder names from older versions; one still registered is handled once, then removed.
    private const string PushReminder = "push";
    private const string NotifyReminder = "notify-order";

    private OneShotReminders? _reminders;

    private OneShotReminders Reminders => _reminders ??= new(this, time, options.Value.ReminderPeriod);

    private StoredWakeUp<ShipmentState>? _wakeUp;

    private ShipmentState S => state.State;

    private StoredWakeUp<ShipmentState> WakeUps => _wakeUp ??= new(this, state, time);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        WakeUps.Loaded();
        return Task.CompletedTask;
    }

    public async Task<ShipmentView> Create(ShipmentRequest request)
    {
        if (S.Created)
        {
            return View();
        }

        if (Ids.ShipmentIdFor(request.OrderId) != this.GetPrimaryKeyString() || request.Items.Count == 0)
        {
            throw new ValidationException($"Shipment {this.GetPrimaryKeyString()} does not match order {request.OrderId}, or has no items.");
        }

        request.ShipTo.Validate();
        S.Created = true;
        S.Request = request;
        S.Status = ShipmentStatus.Pending;
        S.NextPushAt = time.GetUtcNow() + shipping.Value.HandOffTimeout;
        Record("shipment.created", $"{request.Items.Sum(i => i.Quantity)} items for order {request.OrderId}");
        await SaveAsync();
        await HandOffAsync();
        return View();
    }

    public Task<ShipmentView> Get()
    {
        EnsureCreated();
        return Task.FromResult(View());
    }

    public async Task<ShipmentView> ApplyCarrierEvent(CarrierEvent carrierEvent)
    {
        EnsureCreated();
        Ids.Require(carrierEvent.EventId, "Carrier event id", 200);
        if (!S.ProcessedEvents.Add(carrierEvent.EventId))
        {
            return View();
        }

        switch (carrierEvent.Kind)
        {
            case CarrierEventKind.Shipped when S.Status is ShipmentStatus.Pending or ShipmentStatus.Pushed or ShipmentStatus.Exception:
                S.Status = ShipmentStatus.Shipped;
                S.Carrier = carrierEvent.Carrier;
                S.TrackingNumber = carrierEvent.TrackingNumber;
                S.TrackingUrl = carrierEvent.TrackingUrl;
                Record("shipment.shipped", $"{carrierEvent.Carrier} {carrierEvent.TrackingNumber}");
                Tell(carrierEvent.EventId, ShipmentUpdateKind.Shipped, carrierEvent.Detail);
                break;
            case CarrierEventKind.Delivered when S.Status is not ShipmentStatus.Delivered:
                S.Status = ShipmentStatus.Delivered;
                S.Carrier ??= carrierEvent.Carrier;
                S.TrackingNumber ??= carrierEvent.TrackingNumber;
                S.TrackingUrl ??= carrierEvent.TrackingUrl;
                Record("shipment.delivered", carrierEvent.Detail ?? "delivered");
                Tell(carrierEvent.EventId, ShipmentUpdateKind.Delivered, carrierEvent.Detail);
                break;
            case CarrierEventKind.Exception when S.Status is not ShipmentStatus.Delivered:
                S.Status = ShipmentStatus.Exception;
                Record("shipment.exception", carrierEvent.Detail ?? "carrier exception");
                Tell(carrierEvent.EventId, ShipmentUpdateKind.Exception, carrierEvent.Detail);
                break;
            default:
                Record("shipment.event_ignored", $"{carrierEvent.Kind} while {S.Status}");
                break;
        }

        await SaveAndNotifyAsync();
        return View();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
        => Reminders.DeliverAsync(reminderName, () => OnReminderAsync(reminderName));

    public async Task WakeUp()
    {
        if (!S.Created)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (S.Status == ShipmentStatus.Pending && S.NextPushAt is { } push && push <= now)
        {
            // The moved wake-up is stored by SettleAsync below.
            await OfferAgainAsync();
        }
        else if (S.OrderUpdates.Count > 0 && S.NotifyAt is { } notify && notify <= now)
        {
            await NotifyOrderAsync();
        }

        await WakeUps.SettleAsync();
    }

    private async Task OnReminderAsync(string reminderName)
    {
        if (!S.Created)
        {
            return;
        }

        if (reminderName == PushReminder && S.Status == ShipmentStatus.Pending)
        {
            await OfferAgainAsync();
            await SaveAsync();
        }
        else if (reminderName == NotifyReminder)
        {
            await NotifyOrderAsync();
        }
    }

    public async Task PushCompleted(ShipmentPushResult result)
    {
        if (!S.Created || S.Status != ShipmentStatus.Pending)
        {
            return;
        }

        S.PushAttempts++;
        if (result.PlatformOrderId is { } platformOrderId)
        {
            S.Status = ShipmentStatus.Pushed;
            S.PlatformOrderId = platformOrderId;
            S.NextPushAt = null;
            Record("shipment.pushed", $"platform order {platformOrderId} after {S.PushAttempts} attempt(s)");
            Tell($"{this.GetPrimaryKeyString()}:accepted", ShipmentUpdateKind.Accepted, null);
            // The order is told before the one write: if this process dies in between, the stored shipment is still
            // pending and offers its order again, the platform answers with the order it has (it de-duplicates on the
            // order key) and the order ignores the repeated update (keyed). Saves a write per shipment.
            await DeliverUpdatesAsync();
            await SaveAsync();
            return;
        }

        var delay = options.Value.ShipmentRetry.DelayFor(S.PushAttempts);
        var error = result.Error ?? "unknown failure";
        LogPushFailed(this.GetPrimaryKeyString(), S.PushAttempts, error, result.Transient, delay);
        S.NextPushAt = time.GetUtcNow() + delay;
        Record("shipment.push_failed", $"attempt {S.PushAttempts}: {error}; next in {delay}");
        await SaveAsync();
    }

    // Offers the order to the batcher again, with the next offer planned in case no answer comes (the caller stores it).
    private Task OfferAgainAsync()
    {
        S.NextPushAt = time.GetUtcNow() + shipping.Value.HandOffTimeout;
        return HandOffAsync();
    }

    // The batcher answers at once; its outcome comes back through PushCompleted. If the hand-off fails or is refused,
    // the stored wake-up (NextPushAt) offers the order again.
    private async Task HandOffAsync()
    {
        var shipmentId = this.GetPrimaryKeyString();
        try
        {
            if (!await GrainFactory.GetGrain<IShipmentPushGrain>(IShipmentPushGrain.Key).Enqueue(shipmentId, S.Request!))
            {
                LogHandOffDeferred(shipmentId, S.NextPushAt);
            }
        }
        catch (Exception ex) when (ex is not CommerceException)
        {
            LogHandOffFailed(ex, shipmentId, S.NextPushAt);
        }
    }

    private void Tell(string key, ShipmentUpdateKind kind, string? detail)
        => S.OrderUpdates.Add(new ShipmentUpdate(key, this.GetPrimaryKeyString(), kind, S.Carrier, S.TrackingNumber, S.TrackingUrl, detail));

    private async Task SaveAndNotifyAsync()
    {
        if (S.OrderUpdates.Count > 0)
        {
            // Stored with the write: if the process dies before the order hears, the wake-up tells it.
            S.NotifyAt = time.GetUtcNow() + options.Value.EffectRetryDelay;
        }

        await SaveAsync();
        await NotifyOrderAsync();
    }

    private async Task NotifyOrderAsync()
    {
        if (await DeliverUpdatesAsync() > 0)
        {
            await SaveAsync();
        }
        else
        {
            WakeUps.Arm();
        }
    }

    // Tells the order the updates it has not heard, in order; stops at the first failure and plans the next try
    // (NotifyAt). Returns how many were delivered; the caller writes what changed.
    private async Task<int> DeliverUpdatesAsync()
    {
        var delivered = 0;
        var order = GrainFactory.GetGrain<IOrderGrain>(S.Request!.OrderId);
        foreach (var update in S.OrderUpdates.ToList())
        {
            try
            {
                await order.ApplyShipmentUpdate(update);
                S.OrderUpdates.Remove(update);
                delivered++;
            }
            catch (Exception ex)
            {
                LogNotifyFailed(ex, this.GetPrimaryKeyString(), S.Request.OrderId);
                S.NotifyAt = time.GetUtcNow() + options.Value.EffectRetryDelay;
                break;
            }
        }

        return delivered;
    }

    private Task SaveAsync() => WakeUps.SaveAsync();

    private void Record(string @event, string detail)
    {
        Timeline.Record(S, time.GetUtcNow(), @event, detail);
    }

    private void EnsureCreated()
    {
        if (!S.Created)
        {
            throw new NotFoundException($"Shipment {this.GetPrimaryKeyString()} does not exist.");
        }
    }

    private ShipmentView View() => new(
        this.GetPrimaryKeyString(), S.Request!.OrderId, S.Status, S.PlatformOrderId, S.PushAttempts, S.NextPushAt,
        S.Carrier, S.TrackingNumber, S.TrackingUrl, S.Version, S.Timeline.ToList());

    // The batcher logged the request's failure (with its exception) once for the whole batch.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Shipment {ShipmentId}: push attempt {Attempt} failed ({Error}, transient: {Transient}); retrying in {Delay}")]
    private partial void LogPushFailed(string shipmentId, int attempt, string error, bool transient, TimeSpan delay);

    // Expected when the backlog is full: the order is offered again at the shipment's wake-up.
    [LoggerMessage(Level = LogLevel.Information, Message = "Shipment {ShipmentId}: the batcher's backlog is full; offering again at {NextPushAt}")]
    private partial void LogHandOffDeferred(string shipmentId, DateTimeOffset? nextPushAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shipment {ShipmentId}: could not hand the order to the batcher; offering again at {NextPushAt}")]
    private partial void LogHandOffFailed(Exception exception, string shipmentId, DateTimeOffset? nextPushAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shipment {ShipmentId}: could not update order {OrderId}; will retry")]
    private partial void LogNotifyFailed(Exception exception, string shipmentId, string orderId);
}
