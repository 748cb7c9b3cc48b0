using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Common;
using PacificEdge.Grains.Integration.Alerts;
using PacificEdge.Grains.Integration.Email;
using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;
using Orleans;
using Orleans.Runtime;
using PacificEdge.Grains.Reminders;

namespace PacificEdge.Grains.Orders;

/// <summary>
/// One order. Every change: apply it to the state (legal moves only, see
/// <see cref="OrderTransitions"/>), append what it owes to others to the outbox with a wake-up time,
/// write, then carry out the outbox. A crash anywhere leaves either the old state or the new state
/// with its effects still owed and its wake-up time stored beside it (<see cref="OrderState.WakeUpAt"/>),
/// and the silos' wake-up sweeper finishes them. Retries while the activation lives run on a grain timer.
/// </summary>
[GrainType("order")]
public sealed partial class OrderGrain(
    [PersistentState("order", CommerceStorage.Name)] IPersistentState<OrderState> state,
    OrderEffectRunner effects,
    IPaymentGateway gateway,
    IOptions<CommerceOptions> options,
    TimeProvider time,
    OrderMetrics metrics,
    ILogger<OrderGrain> logger) : Grain, IOrderGrain, IRemindable
{
    private const string ExpireReminder = "expire";
    // Older versions retried effects on this reminder; one still registered is handled, then removed.
    private const string WorkReminder = "work";
    private const string PaymentRetryReminder = "payment-retry-email";

    private OneShotReminders? _reminders;

    private OneShotReminders Reminders => _reminders ??= new(this, time, Options.ReminderPeriod);

    private EffectSchedule Schedule => new(Options.EffectRetryDelay, Options.EffectRetryMaxDelay, Options.EffectMaxAttempts);

    // Retries while this activation lives; the stored wake-up time covers a crash.
    private StoredWakeUp<OrderState>? _wakeUp;

    // Set inside a turn when a failure should be followed by a reminder email; registered before the write.
    private bool _paymentRetryReminderOwed;

    private OrderState S => state.State;

    private StoredWakeUp<OrderState> WakeUps => _wakeUp ??= new(this, state, time);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        WakeUps.Loaded();
        return Task.CompletedTask;
    }

    private CommerceOptions Options => options.Value;

    private string OrderId => this.GetPrimaryKeyString();

    public async Task<OrderView> Create(OrderDraft draft)
    {
        if (S.Created)
        {
            return View();
        }

        Validate(draft);
        var now = time.GetUtcNow();
        S.Created = true;
        S.OrderId = OrderId;
        S.CustomerId = draft.CustomerId;
        S.Email = draft.Email;
        S.CartId = draft.CartId;
        S.Lines = draft.Lines.ToList();
        S.Subtotal = draft.Subtotal;
        S.Discount = draft.Discount;
        S.Refunded = Money.Zero(draft.Subtotal.Currency);
        S.PointsRedeemed = draft.PointsRedeemed;
        S.ShipTo = draft.ShipTo;
        S.Guest = draft.Guest;
        S.CreatedAt = now;
        S.Payment = PaymentStatus.Pending;
        S.Fulfilment = FulfilmentStatus.Unfulfilled;

        if (S.Total.Amount == 0m)
        {
            // Paid entirely with points: nothing to charge.
            S.PaymentId = "points-only";
            MarkPaid("order.created", $"{S.Lines.Count} lines, paid with {S.PointsRedeemed} points");
        }
        else
        {
            // A guest's unpaid order gives its stock back sooner: anyone can place one.
            // The deadline is the order's stored wake-up time (see OrderState.WakeUpAt): written with the order.
            S.PaymentDueBy = now + Options.PaymentTimeoutFor(draft.Guest);
            Record("order.created", $"{S.Lines.Count} lines, total {S.Total}, pay by {S.PaymentDueBy:u}");
        }

        await CommitAsync();
        return View();
    }

    public Task<OrderView> Get() => Task.FromResult(View());

    public async Task<OrderView> Pay(string cardToken)
    {
        EnsureCreated();
        if (S.Fulfilment == FulfilmentStatus.Cancelled || S.Payment is not (PaymentStatus.Pending or PaymentStatus.Failed))
        {
            throw new IllegalTransitionException($"Order {OrderId} is {S.Payment}/{S.Fulfilment}; it cannot be paid now.");
        }

        S.PaymentAttempts++;
        PaymentAttempt attempt;
        try
        {
            attempt = await gateway.CreatePaymentAsync(
                new PaymentRequest(OrderId, S.Total, cardToken, $"{OrderId}:pay:{S.PaymentAttempts}", S.Email),
                CancellationToken.None);
        }
        catch (PaymentGatewayUnavailableException ex)
        {
            LogGatewayUnavailable(ex, OrderId);
            // Passing, not a decline: 503 with Retry-After, so the shopper (or their client) tries again shortly.
            throw new DownstreamUnavailableException("The payment provider is unavailable right now; please try again.");
        }

        if (S.Payment == PaymentStatus.Failed)
        {
            MovePayment(PaymentStatus.Pending);
        }

        S.PaymentId = attempt.PaymentId;
        S.PaymentActionUrl = attempt.Status == PaymentAttemptStatus.RequiresAction ? attempt.NextActionUrl : null;
        Record("payment.started", $"attempt {S.PaymentAttempts}, payment {attempt.PaymentId}");
        if (attempt.Status == PaymentAttemptStatus.RequiresAction)
        {
            // The shopper still has to authenticate (3-D Secure); the webhook brings the outcome.
            Record("payment.requires_action", $"payment {attempt.PaymentId} awaits the shopper's confirmation");
        }

        ApplyOutcome(attempt.PaymentId, attempt.Status, S.Total, attempt.DeclineCode);
        await CommitAsync();
        return View();
    }

    public async Task<OrderView> ApplyPaymentEvent(PaymentEvent paymentEvent)
    {
        EnsureCreated();
        if (paymentEvent.OrderId != OrderId)
        {
            throw new ValidationException($"Payment event {paymentEvent.EventId} is for order {paymentEvent.OrderId}, not {OrderId}.");
        }

        if (!S.Processed.Add($"evt:{paymentEvent.EventId}"))
        {
            return View(); // a replayed webhook
        }

        var before = S.Version;
        switch (paymentEvent.Kind)
        {
            case PaymentEventKind.Refunded:
                if (paymentEvent.RefundId is { } refundId && !S.RefundIds.Contains(refundId))
                {
                    if (S.PaymentId is { } captured && paymentEvent.PaymentId != captured)
                    {
                        // The refund of another charge for this order (a duplicate or mismatched payment we gave back):
                        // the order's own payment stands, so nothing is refunded on the order and no points go back.
                        S.RefundIds.Add(refundId);
                        Record("payment.other_refunded", $"refund {refundId} of {paymentEvent.Amount} returned payment {paymentEvent.PaymentId}, not the order's payment");
                    }
                    else
                    {
                        ApplyProviderRefund(paymentEvent.Amount, refundId);
                    }
                }

                break;
            case PaymentEventKind.Disputed:
                ApplyDispute(paymentEvent);
                break;
            default:
                ApplyOutcome(paymentEvent.PaymentId, paymentEvent.Kind switch
                {
                    PaymentEventKind.Succeeded => PaymentAttemptStatus.Succeeded,
                    PaymentEventKind.Authorized => PaymentAttemptStatus.Authorized,
                    PaymentEventKind.Canceled => PaymentAttemptStatus.Canceled,
                    _ => PaymentAttemptStatus.Failed,
                }, paymentEvent.Amount, paymentEvent.DeclineCode);
                break;
        }

        if (S.Version != before)
        {
            await CommitAsync();
        }

        return View();
    }

    public async Task<OrderView> ApplyShipmentUpdate(ShipmentUpdate update)
    {
        EnsureCreated();
        if (!S.Processed.Add($"shp:{update.UpdateKey}"))
        {
            return View();
        }

        S.ShipmentId ??= update.ShipmentId;
        switch (update.Kind)
        {
            case ShipmentUpdateKind.Accepted when S.Fulfilment is FulfilmentStatus.Unfulfilled or FulfilmentStatus.OnHold:
                MoveFulfilment(FulfilmentStatus.InProgress);
                Record("fulfilment.in_progress", $"shipment {update.ShipmentId} accepted by the shipping platform");
                break;
            case ShipmentUpdateKind.Shipped when S.Fulfilment is not (FulfilmentStatus.Cancelled or FulfilmentStatus.Shipped or FulfilmentStatus.Delivered):
                StepTo(FulfilmentStatus.Shipped);
                S.Carrier = update.Carrier;
                S.TrackingNumber = update.TrackingNumber;
                S.TrackingUrl = update.TrackingUrl;
                Record("fulfilment.shipped", $"{update.Carrier} {update.TrackingNumber}");
                Owe(OrderEffectKind.SendEmail, "shipping-confirmation", text: nameof(NotificationKind.ShippingConfirmation));
                break;
            case ShipmentUpdateKind.Delivered when S.Fulfilment is not (FulfilmentStatus.Cancelled or FulfilmentStatus.Delivered):
                StepTo(FulfilmentStatus.Delivered);
                Record("fulfilment.delivered", update.Detail ?? "delivered");
                break;
            case ShipmentUpdateKind.Exception when S.Fulfilment is FulfilmentStatus.Unfulfilled or FulfilmentStatus.InProgress:
                MoveFulfilment(FulfilmentStatus.OnHold);
                Record("fulfilment.on_hold", $"shipping exception: {update.Detail}");
                break;
            default:
                // The shipment's feed is not an order command: out-of-place news is recorded, not refused.
                Record("shipment.noted", $"{update.Kind} from {update.ShipmentId} while {S.Fulfilment}: {update.Detail}");
                break;
        }

        await CommitAsync();
        return View();
    }

    public async Task<OrderView> Refund(Money amount, string reason)
    {
        EnsureCreated();
        RequireReason(reason);
        if (S.Payment is not (PaymentStatus.Paid or PaymentStatus.PartiallyRefunded))
        {
            throw new IllegalTransitionException($"Order {OrderId} is {S.Payment}; only paid orders can be refunded.");
        }

        var refundable = S.Total - S.Refunded;
        if (amount.Currency != S.Total.Currency || amount.Amount <= 0m || amount > refundable || amount.Amount != amount.Round().Amount)
        {
            throw new ValidationException($"Refund must be a positive amount in {S.Total.Currency} of at most {refundable}.");
        }

        var result = await gateway.RefundAsync(S.PaymentId!, amount, $"{OrderId}:refund:{S.RefundIds.Count + 1}", CancellationToken.None);
        if (!result.Succeeded)
        {
            throw new PaymentFailedException($"The payment provider refused the refund ({result.FailureCode}).");
        }

        ApplyRefund(amount, result.RefundId, reason);
        await CommitAsync();
        return View();
    }

    public async Task<OrderView> Cancel(string reason)
    {
        EnsureCreated();
        RequireReason(reason);
        if (S.Fulfilment == FulfilmentStatus.Cancelled)
        {
            return View();
        }

        OrderTransitions.EnsureAllowed(OrderId, S.Fulfilment, FulfilmentStatus.Cancelled);
        switch (S.Payment)
        {
            case PaymentStatus.Pending or PaymentStatus.Authorized or PaymentStatus.Failed:
                MovePayment(PaymentStatus.Voided);
                ReturnHolds();
                break;
            case PaymentStatus.Paid or PaymentStatus.PartiallyRefunded:
                var remaining = S.Total - S.Refunded;
                var result = await gateway.RefundAsync(S.PaymentId!, remaining, $"{OrderId}:cancel", CancellationToken.None);
                if (!result.Succeeded)
                {
                    throw new PaymentFailedException($"The payment provider refused the refund ({result.FailureCode}); the order was not cancelled.");
                }

                ApplyRefund(remaining, result.RefundId, $"cancelled: {reason}");
                Owe(OrderEffectKind.RestockCommitted, "restock");
                break;
        }

        MoveFulfilment(FulfilmentStatus.Cancelled);
        Record("order.cancelled", reason);
        await CommitAsync();
        return View();
    }

    public async Task SendAccessLink(OrderAccessLinkRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // No such order, or not its address: nothing happens and nothing is written, so nothing tells the caller which.
        if (!S.Created || !string.Equals(request.Email.Trim(), S.Email, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (!Uri.TryCreate(request.OrderUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            throw new ValidationException("The order link must be an absolute http(s) URL.");
        }

        S.AccessLinksSent++;
        Owe(OrderEffectKind.SendEmail, $"access-link:{S.AccessLinksSent}", text: nameof(NotificationKind.OrderAccessLink), url: request.OrderUrl);
        // The timeline is shown to whoever holds a link: say that one was sent, never the link.
        Record("order.link_sent", "a fresh order link was emailed to the order's address");
        await CommitAsync();
    }

    public Task<OrderEffects> GetEffects()
    {
        EnsureCreated();
        return Task.FromResult(EffectsView());
    }

    public async Task<OrderEffects> ReplayDeadLetteredEffects()
    {
        EnsureCreated();
        if (S.DeadLettered.Count == 0)
        {
            return EffectsView();
        }

        var replayed = S.DeadLettered.ToList();
        S.DeadLettered.Clear();
        foreach (var effect in replayed)
        {
            // A fresh count and due now; Owe skips one owed again since (same kind and key), as the target would.
            Owe(effect with { Attempts = 0, NextAttemptAt = null, LastError = null, DeadLetteredAt = null });
            LogEffectReplayed(OrderId, effect.Kind, effect.Key);
        }

        Record("effect.replayed", $"{replayed.Count} parked step(s) queued again by staff");
        await CommitAsync();
        return EffectsView();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
        => Reminders.DeliverAsync(reminderName, () => OnReminderAsync(reminderName));

    private async Task OnReminderAsync(string reminderName)
    {
        if (!S.Created)
        {
            return;
        }

        // Reminders are only left from orders stored before their times moved into the state row.
        switch (reminderName)
        {
            case ExpireReminder when S.Payable:
                await ExpireAsync();
                break;
            case PaymentRetryReminder when S.Payable && S.Payment != PaymentStatus.Authorized:
                await RemindPaymentRetryAsync();
                break;
            case WorkReminder:
                await WakeUp();
                break;
        }
    }

    public async Task WakeUp()
    {
        if (!S.Created)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (S.Payable && S.PaymentDueBy is { } due && due <= now)
        {
            await ExpireAsync();
        }
        else if (S.Payable && S.PaymentRetryReminderAt is { } remind && remind <= now)
        {
            await RemindPaymentRetryAsync();
        }

        await RunEffectsAsync();
        // Nothing may have been due yet (the crash fallback time came before a retry backing off): the retry's time is
        // stored then, so the sweeper does not call again until it.
        await WakeUps.SettleAsync();
    }

    private async Task ExpireAsync()
    {
        MovePayment(PaymentStatus.Expired);
        MoveFulfilment(FulfilmentStatus.Cancelled);
        ReturnHolds();
        Record("order.expired", $"not paid by {S.PaymentDueBy:u}");
        await CommitAsync();
    }

    private async Task RemindPaymentRetryAsync()
    {
        S.PaymentRetryReminderAt = null;
        if (S.Payment != PaymentStatus.Authorized)
        {
            Owe(OrderEffectKind.SendEmail, $"payment-retry:{S.PaymentAttempts}", text: nameof(NotificationKind.PaymentRetryReminder));
            Record("payment.retry_reminded", "reminder email sent");
        }

        await CommitAsync();
    }

    /// <summary>Applies a payment outcome once per (payment, outcome); stale or late outcomes are handled, never applied twice.</summary>
    private void ApplyOutcome(string paymentId, PaymentAttemptStatus status, Money amount, string? declineCode)
    {
        if (status is PaymentAttemptStatus.Processing or PaymentAttemptStatus.RequiresAction || !S.Processed.Add($"outcome:{paymentId}:{status}"))
        {
            return;
        }

        if (paymentId == S.PaymentId)
        {
            S.PaymentActionUrl = null; // the pending step is over, whichever way it went
        }

        switch (status)
        {
            case PaymentAttemptStatus.Succeeded when S.Payment is PaymentStatus.Expired or PaymentStatus.Voided
                                                     || (S.Payment is PaymentStatus.Paid or PaymentStatus.PartiallyRefunded or PaymentStatus.Refunded && paymentId != S.PaymentId):
                // Money arrived for an order that can no longer take it (expired, cancelled, or a second charge): give it back.
                Owe(OrderEffectKind.RefundPayment, $"{OrderId}:late:{paymentId}", amount: amount.Amount, text: paymentId);
                Record("payment.late_refunded", $"payment {paymentId} of {amount} arrived while {S.Payment}; refunding it");
                break;
            case PaymentAttemptStatus.Succeeded or PaymentAttemptStatus.Authorized when amount != S.Total
                                                                                     && S.Payment is PaymentStatus.Pending or PaymentStatus.Authorized or PaymentStatus.Failed:
                // Under-, over- or mis-paid (wrong currency): never Paid. The money goes back; the order stays payable.
                if (status == PaymentAttemptStatus.Authorized)
                {
                    Owe(OrderEffectKind.VoidPayment, $"void:{paymentId}", text: paymentId);
                }
                else
                {
                    Owe(OrderEffectKind.RefundPayment, $"{OrderId}:mismatch:{paymentId}", amount: amount.Amount, text: paymentId, currency: amount.Currency);
                }

                Record("payment.amount_mismatch", $"payment {paymentId} of {amount} does not match the order total {S.Total}; returning it");
                OweAlert(AdminAlertKinds.PaymentAmountMismatch, $"alert:mismatch:{paymentId}", amount.Amount, S.Total.Amount,
                    $"Order {OrderId}: payment {paymentId} ({status}) of {amount} does not match the order total {S.Total}; it is being returned and the order stays unpaid.");
                break;
            case PaymentAttemptStatus.Succeeded when S.Payment is PaymentStatus.Pending or PaymentStatus.Authorized or PaymentStatus.Failed:
                S.PaymentId = paymentId;
                MarkPaid("payment.paid", $"payment {paymentId}, {amount}");
                break;
            case PaymentAttemptStatus.Authorized when S.Payment is PaymentStatus.Pending or PaymentStatus.Failed:
                S.PaymentId = paymentId;
                MovePayment(PaymentStatus.Authorized);
                Record("payment.authorized", $"payment {paymentId}; capturing");
                Owe(OrderEffectKind.CapturePayment, $"capture:{paymentId}", text: paymentId);
                break;
            case PaymentAttemptStatus.Failed or PaymentAttemptStatus.Canceled
                when S.Payment is PaymentStatus.Pending or PaymentStatus.Authorized && paymentId == S.PaymentId:
                MovePayment(PaymentStatus.Failed);
                S.LastDeclineCode = declineCode ?? (status == PaymentAttemptStatus.Canceled ? "canceled" : "declined");
                Record("payment.failed", $"payment {paymentId}: {S.LastDeclineCode}");
                Owe(OrderEffectKind.SendEmail, $"payment-failed:{paymentId}", text: nameof(NotificationKind.PaymentFailed));
                _paymentRetryReminderOwed = true;
                break;
            case PaymentAttemptStatus.Succeeded:
                break; // the same payment again (synchronous answer, then webhook): already applied
            default:
                Record("payment.ignored", $"{status} for payment {paymentId} while {S.Payment} (stale or out of order)");
                break;
        }
    }

    /// <summary>
    /// A chargeback: the provider takes the money back until the dispute is answered, so nothing more ships and an
    /// admin has to respond (evidence is due within days). The payment status stays as it is; the outcome comes later.
    /// </summary>
    private void ApplyDispute(PaymentEvent dispute)
    {
        if (S.Fulfilment is FulfilmentStatus.Unfulfilled or FulfilmentStatus.InProgress)
        {
            MoveFulfilment(FulfilmentStatus.OnHold);
        }

        var reason = dispute.DeclineCode ?? "unspecified";
        Record("payment.disputed", $"payment {dispute.PaymentId}: {dispute.Amount} disputed ({reason}); order on hold");
        OweAlert(AdminAlertKinds.PaymentDisputed, $"alert:dispute:{dispute.EventId}", dispute.Amount.Amount, S.Total.Amount,
            $"Order {OrderId}: the customer disputed payment {dispute.PaymentId} ({dispute.Amount}, reason {reason}); the order is on hold until the dispute is answered.");
    }

    private void MarkPaid(string @event, string detail)
    {
        MovePayment(PaymentStatus.Paid);
        S.PaymentDueBy = null;
        Record(@event, detail);
        metrics.Paid(S.Total);
        Owe(OrderEffectKind.CommitStock, "commit-stock");
        Owe(OrderEffectKind.CapturePoints, "capture-points");
        Owe(OrderEffectKind.CreateShipment, "create-shipment");
        Owe(OrderEffectKind.SendEmail, "order-confirmation", text: nameof(NotificationKind.OrderConfirmation));
        if (!S.Guest)
        {
            // In this order within the points lane: a referral award follows the earn.
            Owe(OrderEffectKind.EarnPoints, "earn-points");
            Owe(OrderEffectKind.ClaimReferral, "claim-referral");
        }
    }

    /// <summary>A refund reported by the provider: applied up to what is refundable; anything beyond is recorded, never applied.</summary>
    private void ApplyProviderRefund(Money amount, string refundId)
    {
        var refundable = S.Total - S.Refunded;
        if (S.Payment is not (PaymentStatus.Paid or PaymentStatus.PartiallyRefunded) || amount.Currency != S.Total.Currency
            || amount.Amount <= 0m || refundable.Amount <= 0m)
        {
            S.RefundIds.Add(refundId);
            Record("payment.refund_rejected", $"refund {refundId} of {amount} reported while {S.Payment} (refundable {refundable}); not applied");
            // Money left the provider that the order cannot account for: someone has to look.
            OweAlert(AdminAlertKinds.RefundRejected, $"alert:refund-rejected:{refundId}", amount.Amount, refundable.Amount,
                $"Order {OrderId}: the payment provider reported refund {refundId} of {amount} while the order is {S.Payment} (refundable {refundable}); it was not applied.");
            return;
        }

        if (amount > refundable)
        {
            Record("payment.refund_excess", $"refund {refundId} of {amount} exceeds the refundable {refundable}; {amount - refundable} not applied");
            OweAlert(AdminAlertKinds.RefundExcess, $"alert:refund-excess:{refundId}", amount.Amount, refundable.Amount,
                $"Order {OrderId}: the payment provider reported refund {refundId} of {amount}, above the refundable {refundable}; {amount - refundable} was not applied.");
            amount = refundable;
        }

        ApplyRefund(amount, refundId, "refunded at the payment provider");
    }

    private void ApplyRefund(Money amount, string refundId, string reason)
    {
        S.RefundIds.Add(refundId);
        S.Refunded += amount;
        var full = S.Refunded >= S.Total;
        MovePayment(full ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded);
        Record(full ? "payment.refunded" : "payment.partially_refunded", $"{amount} ({refundId}): {reason}");

        if (!S.Guest)
        {
            // Earned points go back in proportion to the money returned, rounded down (a guest earned none).
            var earnedOnTotal = (int)Math.Floor(S.Total.Amount * Options.Loyalty.PointsPerCurrencyUnit);
            var clawback = S.Total.Amount == 0m ? 0 : (int)Math.Floor(earnedOnTotal * (amount.Amount / S.Total.Amount));
            Owe(OrderEffectKind.ClawbackPoints, $"refund:{refundId}", points: clawback);
        }

        if (full && S.PointsRedeemed > 0)
        {
            Owe(OrderEffectKind.RestorePoints, $"restore:{OrderId}", points: S.PointsRedeemed);
        }
    }

    /// <summary>Stock and points held for an order that will not be paid go back.</summary>
    private void ReturnHolds()
    {
        Owe(OrderEffectKind.ReleaseStock, "release-stock");
        Owe(OrderEffectKind.ReleasePoints, "release-points");
        if (S.PaymentId is { } paymentId && paymentId != "points-only")
        {
            Owe(OrderEffectKind.VoidPayment, $"void:{paymentId}", text: paymentId);
        }

    }

    private void StepTo(FulfilmentStatus target)
    {
        // Updates can skip a step (the "accepted" news lost or late): walk through the legal path.
        if (target == FulfilmentStatus.Shipped && S.Fulfilment == FulfilmentStatus.Unfulfilled)
        {
            MoveFulfilment(FulfilmentStatus.InProgress);
        }

        if (target == FulfilmentStatus.Delivered && S.Fulfilment != FulfilmentStatus.Shipped)
        {
            StepTo(FulfilmentStatus.Shipped);
        }

        MoveFulfilment(target);
    }

    private void MovePayment(PaymentStatus to)
    {
        OrderTransitions.EnsureAllowed(OrderId, S.Payment, to);
        S.Payment = to;
    }

    private void MoveFulfilment(FulfilmentStatus to)
    {
        OrderTransitions.EnsureAllowed(OrderId, S.Fulfilment, to);
        S.Fulfilment = to;
    }

    private void Record(string @event, string detail)
    {
        var now = time.GetUtcNow();
        Timeline.Record(S, now, @event, detail);
        // One status event per change, carrying the version (subscribers refetch on gaps).
        var change = new OrderStatusChanged(OrderId, S.CustomerId, S.Payment, S.Fulfilment, S.Total, @event, detail, S.Version, now, S.DeadLettered.Count, S.Refunded.Amount);
        S.Effects.RemoveAll(e => e.Kind == OrderEffectKind.PublishStatus && e.Key == "publish");
        S.Effects.Add(new OrderEffect(OrderEffectKind.PublishStatus, "publish", Change: change));
    }

    private void Owe(OrderEffectKind kind, string key, int points = 0, decimal amount = 0m, string? text = null, string? currency = null, string? url = null)
        => Owe(new OrderEffect(kind, key, points, amount, text, Currency: currency, Url: url));

    private void Owe(OrderEffect effect)
    {
        if (!S.Effects.Any(e => e.Kind == effect.Kind && e.Key == effect.Key))
        {
            // Status events go last, so subscribers hear of a change after its effects were first tried
            // (a failing effect does not hold the event back: see EffectSchedule).
            var publish = S.Effects.FindIndex(e => e.Kind == OrderEffectKind.PublishStatus);
            S.Effects.Insert(publish < 0 ? S.Effects.Count : publish, effect);
        }
    }

    /// <summary>
    /// An admin alert, owed in the same write as the change it reports, so it is raised once even if the silo dies
    /// (the store ignores a key it has). It goes to the front, so it is tried first; being a lane of its own, an effect
    /// that keeps failing (a refund the provider refuses) cannot hold it back either. Safe because the grain is not reentrant.
    /// </summary>
    private void OweAlert(string kind, string key, decimal value, decimal threshold, string message)
    {
        if (!S.Effects.Any(e => e.Kind == OrderEffectKind.RaiseAlert && e.Key == key))
        {
            S.Effects.Insert(0, new OrderEffect(OrderEffectKind.RaiseAlert, key, Amount: value, Text: kind, Message: message, Threshold: threshold));
        }
    }

    private async Task CommitAsync()
    {
        if (_paymentRetryReminderOwed)
        {
            _paymentRetryReminderOwed = false;
            SchedulePaymentRetryReminder();
        }

        if (S.Effects.Count > 0)
        {
            EnsureWakeUp();
        }

        await SaveAsync();
        await RunEffectsAsync();
    }

    /// <summary>
    /// Runs every owed effect that is due and first in its lane (see <see cref="EffectSchedule"/>), each on its own:
    /// a failure is counted and retried later with backoff, or dead-lettered after the last attempt, and the others go
    /// on. Then the wake-up time is set for the earliest retry and the outcome written: at once after a failure; when every
    /// effect succeeded, with the next write or within <see cref="CommerceOptions.DeferredWriteDelay"/> (<see cref="StoredWakeUp{TState}.DeferSave"/>).
    /// </summary>
    private async Task RunEffectsAsync()
    {
        var schedule = Schedule;
        var tried = 0;
        var failed = 0;
        int next;
        // Ends: each run removes its effect or pushes it into the future; follow-ups are finite.
        while ((next = EffectSchedule.NextDue(S.Effects, time.GetUtcNow())) >= 0)
        {
            var effect = S.Effects[next];
            tried++;
            try
            {
                var followUps = effect.Kind == OrderEffectKind.CancelExpiry
                    ? await CancelExpiryAsync()
                    : await effects.RunAsync(effect, S, CancellationToken.None);
                // Follow-ups take their parent's place, so they run next in its lane.
                S.Effects.RemoveAt(next);
                S.Effects.InsertRange(next, followUps);
            }
            catch (Exception ex)
            {
                failed++;
                var attempt = schedule.Failed(effect, ex, time.GetUtcNow());
                LogEffectFailed(ex, effect.Kind, effect.Key, OrderId, attempt.Attempts);
                S.Effects[next] = attempt;
                if (schedule.ShouldDeadLetter(attempt))
                {
                    DeadLetter(next, attempt);
                }
            }
        }

        if (S.Effects.Count > 0)
        {
            S.WorkReminderAt = EffectSchedule.NextWakeUp(S.Effects, time.GetUtcNow())!.Value;
        }

        if (failed > 0)
        {
            // Attempts, backoff and dead letters must survive a crash.
            await SaveAsync();
        }
        else if (tried > 0)
        {
            // Only done effects to record: effects are idempotent, so after a crash the stored state redoes them harmlessly.
            WakeUps.DeferSave(Options.DeferredWriteDelay);
        }
        else
        {
            WakeUps.Arm();
        }
    }

    /// <summary>Parks an effect that used up its attempts, and owes the alert and the status event (the admin list filters on it).</summary>
    private void DeadLetter(int index, OrderEffect failed)
    {
        S.Effects.RemoveAt(index);
        S.DeadLettered.Add(failed with { NextAttemptAt = null, DeadLetteredAt = time.GetUtcNow() });
        LogEffectDeadLettered(OrderId, failed.Kind, failed.Key, failed.Attempts, failed.LastError);
        // The timeline is shown to whoever holds the order's link: no key, no error text there.
        Record("effect.dead_lettered", $"{failed.Kind} stopped after {failed.Attempts} failed attempts; staff were alerted");
        // Keyed by the version just recorded, so a replayed effect that fails again alerts again.
        OweAlert(AdminAlertKinds.EffectDeadLettered, $"alert:dead-letter:{failed.Kind}:{failed.Key}:{S.Version}", failed.Attempts, Options.EffectMaxAttempts,
            $"Order {OrderId}: effect {failed.Kind} ({failed.Key}) failed {failed.Attempts} times and was dead-lettered; last error: {failed.LastError}. Replay it from the order's effects once the cause is fixed.");
    }

    private async Task<IReadOnlyList<OrderEffect>> CancelExpiryAsync()
    {
        await Reminders.CancelAsync(ExpireReminder);
        return [];
    }

    private Task SaveAsync() => WakeUps.SaveAsync();

    /// <summary>
    /// Set before the state that owes effects is written (it is stored with it), so a crash right after the write still
    /// gets them done within one retry delay and a sweep, even when a later retry of an effect backing off was planned.
    /// </summary>
    private void EnsureWakeUp()
    {
        var now = time.GetUtcNow();
        var latest = now + Options.EffectRetryDelay;
        if (S.WorkReminderAt is not { } planned || planned > latest || planned < now)
        {
            S.WorkReminderAt = latest;
        }
    }

    private OrderEffects EffectsView()
    {
        static OrderEffectStatus Status(OrderEffect e) => new(e.Kind.ToString(), e.Key, e.Attempts, e.NextAttemptAt, e.LastError, e.DeadLetteredAt);
        return new OrderEffects(OrderId, S.Effects.Select(Status).ToList(), S.DeadLettered.Select(Status).ToList());
    }

    /// <summary>Stored with the write that follows: part of the order's wake-up time (<see cref="OrderState.WakeUpAt"/>).</summary>
    private void SchedulePaymentRetryReminder()
    {
        var due = time.GetUtcNow() + Options.PaymentRetryReminderAfter;
        if (S.PaymentDueBy is { } deadline && due < deadline)
        {
            S.PaymentRetryReminderAt = due;
        }
    }

    private void EnsureCreated()
    {
        if (!S.Created)
        {
            throw new NotFoundException($"Order {OrderId} does not exist.");
        }
    }

    private void Validate(OrderDraft draft)
    {
        if (draft.OrderId != OrderId)
        {
            throw new ValidationException($"Draft is for order {draft.OrderId}, not {OrderId}.");
        }

        Ids.Require(draft.CustomerId, "Customer id");
        if (draft.Lines.Count == 0)
        {
            throw new ValidationException("An order needs at least one line.");
        }

        var sum = draft.Lines.Aggregate(Money.Zero(draft.Subtotal.Currency), (total, line) => total + line.LineTotal);
        if (sum != draft.Subtotal || draft.Discount.Amount < 0m || draft.Discount > draft.Subtotal)
        {
            throw new ValidationException($"Order totals do not add up: lines {sum}, subtotal {draft.Subtotal}, discount {draft.Discount}.");
        }

        draft.ShipTo.Validate();
    }

    private static void RequireReason(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            throw new ValidationException("A reason is required (at most 500 characters).");
        }
    }

    private OrderView View()
    {
        EnsureCreated();
        return new OrderView(
            S.OrderId, S.CustomerId, S.Email, S.Lines.ToList(), S.Subtotal, S.Discount, S.Total, S.Refunded,
            S.PointsRedeemed, S.PointsEarned, S.Payment, S.Fulfilment, S.PaymentId, S.LastDeclineCode,
            S.ShipmentId, S.Carrier, S.TrackingNumber, S.TrackingUrl, S.CreatedAt, S.PaymentDueBy, S.Version,
            S.Timeline.ToList(), S.PaymentActionUrl, S.ShipTo);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: effect {Effect} ({EffectKey}) failed (attempt {Attempts}); it stays owed and is retried")]
    private partial void LogEffectFailed(Exception exception, OrderEffectKind effect, string effectKey, string orderId, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order {OrderId}: effect {Effect} ({EffectKey}) dead-lettered after {Attempts} attempts: {LastError}")]
    private partial void LogEffectDeadLettered(string orderId, OrderEffectKind effect, string effectKey, int attempts, string? lastError);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: dead-lettered effect {Effect} ({EffectKey}) replayed by staff")]
    private partial void LogEffectReplayed(string orderId, OrderEffectKind effect, string effectKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: payment gateway unavailable")]
    private partial void LogGatewayUnavailable(Exception exception, string orderId);
}
