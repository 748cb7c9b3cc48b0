using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Interfaces.Payments;
using Polly;
using Polly.Retry;

namespace PacificEdge.Simulators.Payments;

/// <summary>
/// A working payment gateway simulator, in memory (for tests without a database; the hosted system uses
/// <see cref="PostgresSandboxPaymentGateway"/>, which survives restarts). <see cref="CreatePaymentAsync"/> answers
/// <see cref="PaymentAttemptStatus.Processing"/> at once and the outcome (decided by the test token, see
/// <see cref="SandboxCardTokens"/>) follows as a signed webhook through <see cref="IPaymentWebhookTransport"/>,
/// so the real webhook path (signature check, parse, grain) is exercised. Deliveries run in the background,
/// retried with backoff when the transport throws; <see cref="WhenIdleAsync"/> waits for them.
/// </summary>
public sealed partial class SandboxPaymentGateway : IPaymentGateway, ISandboxWebhookDeliveries, IAsyncDisposable, IDisposable
{
    private static readonly ResiliencePropertyKey<string> EventIdKey = new("pe.payment-event-id");

    private readonly PaymentSandboxOptions options;
    private readonly IPaymentWebhookTransport transport;
    private readonly TimeProvider time;
    private readonly ILogger<SandboxPaymentGateway> logger;
    private readonly ResiliencePipeline deliveryPipeline;
    private readonly Lock gate = new();
    private readonly Dictionary<string, SandboxPayment> paymentsById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxPayment> paymentsByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string PaymentId, Money Amount, RefundResult Result)> refundsByKey = new(StringComparer.Ordinal);
    private readonly HashSet<Task> deliveries = [];
    private readonly CancellationTokenSource stopping = new();
    private bool disposed;
    private int deliveredCount;
    private int abandonedCount;

    public SandboxPaymentGateway(
        IOptions<PaymentSandboxOptions> options,
        IPaymentWebhookTransport transport,
        TimeProvider time,
        ILogger<SandboxPaymentGateway> logger)
    {
        this.options = options.Value;
        this.transport = transport;
        this.time = time;
        this.logger = logger;
        deliveryPipeline = BuildDeliveryPipeline();
    }

    /// <summary>Webhook deliveries that reached the transport successfully (duplicates included).</summary>
    public int DeliveredCount => Volatile.Read(ref deliveredCount);

    /// <summary>Webhook deliveries given up after <see cref="PaymentSandboxOptions.DeliveryMaxAttempts"/>.</summary>
    public int AbandonedCount => Volatile.Read(ref abandonedCount);

    /// <summary>How many distinct payments were created (a repeated idempotency key creates none).</summary>
    public int PaymentCount
    {
        get
        {
            lock (gate)
            {
                return paymentsById.Count;
            }
        }
    }

    /// <inheritdoc />
    public Task<PaymentAttempt> CreatePaymentAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Validate(request);
        SandboxPayment payment;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (paymentsByKey.TryGetValue(request.IdempotencyKey, out var existing))
            {
                return existing.Matches(request)
                    ? Task.FromResult(existing.ToAttempt())
                    : throw new ConflictException("This idempotency key was already used for a different payment.");
            }

            payment = new SandboxPayment(NewId("pi_"), request, SandboxCardTokens.Resolve(request.CardToken));
            paymentsById.Add(payment.Id, payment);
            paymentsByKey.Add(request.IdempotencyKey, payment);
        }

        LogPaymentAccepted(payment.Id, payment.OrderId, payment.Amount.ToString());
        Track(ct => DecideAndDeliverAsync(payment, ct));
        return Task.FromResult(new PaymentAttempt(payment.Id, PaymentAttemptStatus.Processing));
    }

    /// <inheritdoc />
    /// <exception cref="NotFoundException">Unknown payment.</exception>
    /// <exception cref="ConflictException">The payment is not authorised (nor already captured).</exception>
    public Task<PaymentAttempt> CaptureAsync(string paymentId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        PaymentEvent captured;
        SandboxPayment payment;
        lock (gate)
        {
            payment = Find(paymentId);
            switch (payment.Status)
            {
                case PaymentAttemptStatus.Succeeded:
                    return Task.FromResult(payment.ToAttempt());
                case PaymentAttemptStatus.Authorized:
                    payment.Status = PaymentAttemptStatus.Succeeded;
                    captured = NewEvent(payment, PaymentEventKind.Succeeded, payment.Amount);
                    break;
                default:
                    throw new ConflictException($"Payment {paymentId} cannot be captured while {payment.Status}.");
            }
        }

        LogPaymentCaptured(payment.Id, payment.OrderId);
        Track(ct => DeliverAsync(captured, payment.Amount, ct));
        return Task.FromResult(payment.ToAttempt());
    }

    /// <inheritdoc />
    /// <exception cref="NotFoundException">Unknown payment.</exception>
    /// <exception cref="ConflictException">The key was used for another refund.</exception>
    public Task<RefundResult> RefundAsync(string paymentId, Money amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        SandboxPaymentRules.ValidateRefund(amount, idempotencyKey);

        PaymentEvent? refunded = null;
        SandboxPayment payment;
        RefundResult result;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (refundsByKey.TryGetValue(idempotencyKey, out var prior))
            {
                return prior.PaymentId == paymentId && prior.Amount == amount
                    ? Task.FromResult(prior.Result)
                    : throw new ConflictException("This idempotency key was already used for a different refund.");
            }

            payment = Find(paymentId);
            if (amount.Currency != payment.Amount.Currency)
            {
                throw new ValidationException($"Payment {paymentId} is in {payment.Amount.Currency}, not {amount.Currency}.");
            }

            var refundId = NewId("re_");
            if (payment.Status != PaymentAttemptStatus.Succeeded)
            {
                result = new RefundResult(refundId, amount, Succeeded: false, FailureCode: "payment_not_succeeded");
            }
            else if (amount > payment.Amount - payment.Refunded)
            {
                result = new RefundResult(refundId, amount, Succeeded: false, FailureCode: "amount_too_large");
            }
            else
            {
                payment.Refunded += amount;
                result = new RefundResult(refundId, amount, Succeeded: true);
                refunded = NewEvent(payment, PaymentEventKind.Refunded, amount) with { RefundId = refundId };
            }

            refundsByKey.Add(idempotencyKey, (paymentId, amount, result));
        }

        LogRefund(payment.Id, amount.ToString(), result.Succeeded, result.FailureCode);
        if (refunded is not null)
        {
            Track(ct => DeliverAsync(refunded, payment.Amount, ct));
        }

        return Task.FromResult(result);
    }

    /// <inheritdoc />
    /// <exception cref="NotFoundException">Unknown payment.</exception>
    /// <exception cref="ConflictException">The payment already succeeded (refund it instead).</exception>
    public Task VoidAsync(string paymentId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        PaymentEvent canceled;
        SandboxPayment payment;
        lock (gate)
        {
            payment = Find(paymentId);
            switch (payment.Status)
            {
                case PaymentAttemptStatus.Canceled:
                    return Task.CompletedTask;
                case PaymentAttemptStatus.Succeeded:
                    throw new ConflictException($"Payment {paymentId} has succeeded; refund it instead of voiding it.");
                default:
                    // A payment still Processing is cancelled before its outcome is decided: no outcome event follows.
                    payment.Status = PaymentAttemptStatus.Canceled;
                    canceled = NewEvent(payment, PaymentEventKind.Canceled, payment.Amount);
                    break;
            }
        }

        LogPaymentVoided(payment.Id, payment.OrderId);
        Track(ct => DeliverAsync(canceled, payment.Amount, ct));
        return Task.CompletedTask;
    }

    /// <summary>Completes when no webhook delivery is pending or running (including ones started meanwhile).</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task[] pending;
            lock (gate)
            {
                pending = deliveries.Where(t => !t.IsCompleted).ToArray();
            }

            if (pending.Length == 0)
            {
                return;
            }

            await Task.WhenAll(pending).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Drains pending deliveries for up to <see cref="PaymentSandboxOptions.DrainTimeout"/>, then cancels the rest.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
        }

        try
        {
            // Shutdown is about wall-clock time, so the drain is bounded on the system clock, not the injected one.
            await WhenIdleAsync().WaitAsync(options.DrainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogDrainTimedOut(options.DrainTimeout);
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        Task[] rest;
        lock (gate)
        {
            rest = [.. deliveries];
        }

        await Task.WhenAll(rest).ConfigureAwait(false);
        stopping.Dispose();
    }

    /// <summary>
    /// Synchronous disposal (a host disposed without await): cancels pending deliveries at once instead of draining,
    /// since blocking here could deadlock the caller.
    /// </summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
        }

        // The token source is left undisposed on purpose: cancelled deliveries may still be observing it.
        stopping.Cancel();
    }

    private async Task DecideAndDeliverAsync(SandboxPayment payment, CancellationToken cancellationToken)
    {
        var delay = payment.Behaviour.Slow ? options.SlowDelay : options.DeliveryDelay;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }

        PaymentEvent outcome;
        lock (gate)
        {
            if (payment.Status != PaymentAttemptStatus.Processing)
            {
                return;
            }

            if (payment.Behaviour.Succeeds)
            {
                payment.Status = options.ManualCapture ? PaymentAttemptStatus.Authorized : PaymentAttemptStatus.Succeeded;
                outcome = NewEvent(payment, options.ManualCapture ? PaymentEventKind.Authorized : PaymentEventKind.Succeeded, payment.Amount);
            }
            else
            {
                payment.Status = PaymentAttemptStatus.Failed;
                payment.DeclineCode = payment.Behaviour.DeclineCode;
                outcome = NewEvent(payment, PaymentEventKind.Failed, payment.Amount) with { DeclineCode = payment.DeclineCode };
            }
        }

        LogPaymentDecided(payment.Id, payment.OrderId, payment.Status, payment.DeclineCode);
        await DeliverAsync(outcome, payment.Amount, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeliverAsync(PaymentEvent paymentEvent, Money paymentAmount, CancellationToken cancellationToken)
    {
        await DeliverCopiesAsync(paymentEvent, paymentAmount, cancellationToken).ConfigureAwait(false);
        if (options.OutOfOrder && paymentEvent.Kind == PaymentEventKind.Succeeded)
        {
            // As if an earlier attempt's failure notice were delayed in transit and arrived after the success.
            var stale = paymentEvent with
            {
                EventId = NewId("evt_"),
                Kind = PaymentEventKind.Failed,
                OccurredAt = paymentEvent.OccurredAt.AddSeconds(-1),
                DeclineCode = "card_declined",
            };
            await DeliverCopiesAsync(stale, paymentAmount, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DeliverCopiesAsync(PaymentEvent paymentEvent, Money paymentAmount, CancellationToken cancellationToken)
    {
        var payload = PaymentWebhookEventBuilder.Build(paymentEvent, paymentAmount);
        for (var copy = 0; copy <= options.DuplicateDeliveries; copy++)
        {
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(EventIdKey, paymentEvent.EventId);
            try
            {
                await deliveryPipeline.ExecuteAsync(
                    static async (ctx, state) =>
                    {
                        // Signed per attempt, as gateways do: a retry carries a fresh timestamp.
                        var header = PaymentWebhookSignature.Sign(state.payload, state.self.options.WebhookSecret, state.self.time.GetUtcNow());
                        await state.self.transport.DeliverAsync(state.payload, header, ctx.CancellationToken).ConfigureAwait(false);
                    },
                    context,
                    (self: this, payload)).ConfigureAwait(false);
                Interlocked.Increment(ref deliveredCount);
                LogDelivered(paymentEvent.EventId, paymentEvent.Kind, paymentEvent.PaymentId);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref abandonedCount);
                LogDeliveryAbandoned(ex, paymentEvent.EventId, paymentEvent.Kind, options.DeliveryMaxAttempts);
                return;
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }
    }

    private void Track(Func<CancellationToken, Task> work)
    {
        Task task;
        lock (gate)
        {
            task = Task.Run(() => RunSafelyAsync(work));
            deliveries.Add(task);
        }

        _ = task.ContinueWith(
            t =>
            {
                lock (gate)
                {
                    deliveries.Remove(t);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task RunSafelyAsync(Func<CancellationToken, Task> work)
    {
        try
        {
            await work(stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposed while waiting: nothing left to do.
        }
        catch (Exception ex)
        {
            LogBackgroundFailure(ex);
        }
    }

    private ResiliencePipeline BuildDeliveryPipeline()
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.DeliveryMaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.DeliveryMaxAttempts - 1,
                Delay = options.DeliveryRetryBaseDelay,
                MaxDelay = options.DeliveryRetryMaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
                OnRetry = args =>
                {
                    LogDeliveryRetry(
                        args.Outcome.Exception,
                        args.Context.Properties.GetValue(EventIdKey, "?"),
                        args.AttemptNumber + 2,
                        args.RetryDelay);
                    return default;
                },
            });
        }

        return builder.AddTimeout(options.DeliveryTimeout).Build();
    }

    private SandboxPayment Find(string paymentId)
        => paymentsById.TryGetValue(paymentId, out var payment) ? payment : throw new NotFoundException($"Payment {paymentId} does not exist.");

    private PaymentEvent NewEvent(SandboxPayment payment, PaymentEventKind kind, Money amount)
        => new(NewId("evt_"), kind, payment.Id, payment.OrderId, amount, time.GetUtcNow());

    private static string NewId(string prefix) => SandboxPaymentRules.NewId(prefix);

    private static void Validate(PaymentRequest request) => SandboxPaymentRules.ValidatePayment(request);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox payment {PaymentId} for order {OrderId} accepted: {Amount}")]
    private partial void LogPaymentAccepted(string paymentId, string orderId, string amount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox payment {PaymentId} for order {OrderId} is {Status} (decline code {DeclineCode})")]
    private partial void LogPaymentDecided(string paymentId, string orderId, PaymentAttemptStatus status, string? declineCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox payment {PaymentId} for order {OrderId} captured")]
    private partial void LogPaymentCaptured(string paymentId, string orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox payment {PaymentId} for order {OrderId} voided")]
    private partial void LogPaymentVoided(string paymentId, string orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox refund of {Amount} on payment {PaymentId}: succeeded {Succeeded} (failure code {FailureCode})")]
    private partial void LogRefund(string paymentId, string amount, bool succeeded, string? failureCode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Payment webhook {EventId} ({Kind}) for payment {PaymentId} delivered")]
    private partial void LogDelivered(string eventId, PaymentEventKind kind, string paymentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment webhook {EventId} delivery failed; attempt {NextAttempt} in {Delay}")]
    private partial void LogDeliveryRetry(Exception? exception, string eventId, int nextAttempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Payment webhook {EventId} ({Kind}) abandoned after {Attempts} attempts")]
    private partial void LogDeliveryAbandoned(Exception exception, string eventId, PaymentEventKind kind, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox gateway stopped with deliveries still pending after {DrainTimeout}")]
    private partial void LogDrainTimedOut(TimeSpan drainTimeout);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sandbox gateway background work failed")]
    private partial void LogBackgroundFailure(Exception exception);
}
