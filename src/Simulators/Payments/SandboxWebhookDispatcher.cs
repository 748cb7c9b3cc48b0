using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PacificEdge.Grains.Interfaces.Payments;

namespace PacificEdge.Simulators.Payments;

/// <summary>
/// The durable sandbox's delivery loop, run in every process that hosts the gateway. Each pass claims due webhooks from
/// <see cref="SandboxWebhookOutbox"/> (skip-locked, with a lease), decides payments whose outcome is due (and claims the
/// webhooks that writes), then sends them, signed per attempt. A failure is retried with exponential backoff and jitter; after
/// <see cref="PaymentSandboxOptions.DeliveryMaxAttempts"/> attempts or <see cref="PaymentSandboxOptions.DeliveryMaxAge"/>
/// the webhook is abandoned. Between passes it sleeps until the next due time, at most
/// <see cref="PaymentSandboxOptions.DeliveryPollInterval"/>, or until this process writes new work.
/// </summary>
public sealed partial class SandboxWebhookDispatcher(
    PostgresSandboxPaymentGateway gateway,
    SandboxWebhookOutbox outbox,
    IPaymentWebhookTransport transport,
    SandboxWebhookSignal signal,
    IOptions<PaymentSandboxOptions> options,
    TimeProvider time,
    ILogger<SandboxWebhookDispatcher> logger) : BackgroundService, ISandboxWebhookDeliveries
{
    private readonly PaymentSandboxOptions settings = options.Value;
    private int deliveredCount;
    private int abandonedCount;

    /// <inheritdoc />
    public int DeliveredCount => Volatile.Read(ref deliveredCount);

    /// <inheritdoc />
    public int AbandonedCount => Volatile.Read(ref abandonedCount);

    /// <summary>Completes when no payment awaits its outcome and no webhook awaits delivery (in any process). Needs the loop running.</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            // Taken before counting, so a pass that ends between the count and the wait is not missed.
            var pass = signal.NextPassAsync();
            if (await outbox.CountOutstandingAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return;
            }

            signal.Wake();
            await pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One pass: decide due payments, then deliver due webhooks. Returns how many of each it handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
        => (await PassAsync(cancellationToken).ConfigureAwait(false)).Handled;

    // Claims first, with a look at when work is next due in the same batch: a pass with nothing due is one round trip
    // and one transaction (deciding payments takes a transaction of its own, so it runs only when one is due).
    private async Task<(int Handled, DateTimeOffset? NextDueAt)> PassAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var leaseUntil = now + settings.DeliveryLease;
        var claim = await outbox.ClaimDueAndPeekAsync(now, leaseUntil, settings.DeliveryBatchSize, cancellationToken).ConfigureAwait(false);
        var claimed = claim.Claimed;
        var decided = 0;
        if (claim.NextDecisionAt <= now)
        {
            decided = await gateway.DecideDueAsync(now, settings.DeliveryBatchSize, cancellationToken).ConfigureAwait(false);
            if (decided > 0)
            {
                // The outcomes just written are due at once: sent in this pass, after the older ones.
                claimed = [.. claimed, .. await outbox.ClaimDueAsync(now, leaseUntil, settings.DeliveryBatchSize, cancellationToken).ConfigureAwait(false)];
            }
        }

        var done = 0;
        try
        {
            for (; done < claimed.Count; done++)
            {
                await DeliverAsync(claimed[done], cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: let another process (or the next start) send the rest now rather than after the lease.
            await ReleaseQuietlyAsync(claimed.Skip(done).Select(d => d.Seq).ToList()).ConfigureAwait(false);
            throw;
        }

        var handled = decided + claimed.Count;
        // After work the peeked times are stale (sent rows are done, failed ones got a retry time): the next pass,
        // run at once, reads them afresh.
        return (handled, handled > 0 ? now : claim.NextDueAt);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var sleep = settings.DeliveryPollInterval;
                try
                {
                    var (_, nextDueAt) = await PassAsync(stoppingToken).ConfigureAwait(false);
                    if (nextDueAt is { } next)
                    {
                        sleep = TimeSpan.FromTicks(Math.Clamp((next - time.GetUtcNow()).Ticks, 0, sleep.Ticks));
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database may be briefly away; the next pass tries again rather than stopping the host.
                    LogPassFailed(ex);
                }
                finally
                {
                    signal.PassCompleted();
                }

                await signal.WaitForWakeAsync(sleep, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; a webhook claimed but not sent becomes due again when its lease ends.
        }
    }

    private async Task ReleaseQuietlyAsync(IReadOnlyCollection<long> seqs)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await outbox.ReleaseAsync(seqs, time.GetUtcNow(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException)
        {
            // Best effort: unreleased claims become due when their lease ends.
            LogReleaseFailed(ex, seqs.Count);
        }
    }

    private async Task DeliverAsync(SandboxWebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (delivery.Attempts > settings.DeliveryMaxAttempts || now - delivery.CreatedAt > settings.DeliveryMaxAge)
        {
            // Out of attempts or too old: its last claimed attempt never recorded an outcome (its sender died), or it
            // waited out a long outage.
            await AbandonAsync(delivery, delivery.LastError ?? "No outcome recorded for the last attempt.", cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            for (var copy = 0; copy < delivery.Copies; copy++)
            {
                // Signed per attempt, as gateways do: a retry carries a fresh timestamp.
                var header = PaymentWebhookSignature.Sign(delivery.Payload, settings.WebhookSecret, time.GetUtcNow());
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(settings.DeliveryTimeout);
                await transport.DeliverAsync(delivery.Payload, header, timeout.Token).ConfigureAwait(false);
                Interlocked.Increment(ref deliveredCount);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            await FailedAsync(delivery, ex, cancellationToken).ConfigureAwait(false);
            return;
        }

        await outbox.MarkDeliveredAsync(delivery.Seq, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        LogDelivered(delivery.EventId, delivery.Kind, delivery.PaymentId, delivery.Attempts);
    }

    private async Task FailedAsync(SandboxWebhookDelivery delivery, Exception error, CancellationToken cancellationToken)
    {
        // The message only: the endpoint's answer, never the payload or its signature.
        var reason = $"{error.GetType().Name}: {error.Message}";
        var now = time.GetUtcNow();
        var delay = SandboxWebhookBackoff.Delay(delivery.Attempts, settings.DeliveryRetryBaseDelay, settings.DeliveryRetryMaxDelay, Random.Shared);
        if (delivery.Attempts >= settings.DeliveryMaxAttempts || now + delay - delivery.CreatedAt > settings.DeliveryMaxAge)
        {
            await AbandonAsync(delivery, reason, cancellationToken).ConfigureAwait(false);
            return;
        }

        await outbox.MarkFailedAsync(delivery.Seq, reason, now + delay, cancellationToken).ConfigureAwait(false);
        LogDeliveryRetry(delivery.EventId, delivery.Attempts, reason, delay);
    }

    private async Task AbandonAsync(SandboxWebhookDelivery delivery, string reason, CancellationToken cancellationToken)
    {
        await outbox.MarkAbandonedAsync(delivery.Seq, reason, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref abandonedCount);
        LogDeliveryAbandoned(delivery.EventId, delivery.Kind, delivery.PaymentId, delivery.Attempts, reason);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Payment webhook {EventId} ({Kind}) for payment {PaymentId} delivered on attempt {Attempt}")]
    private partial void LogDelivered(string eventId, string kind, string paymentId, int attempt);

    // Expected while the endpoint restarts; the warning comes if it never recovers.
    [LoggerMessage(Level = LogLevel.Information, Message = "Payment webhook {EventId} attempt {Attempt} failed ({Reason}); next attempt in {Delay}")]
    private partial void LogDeliveryRetry(string eventId, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment webhook {EventId} ({Kind}) for payment {PaymentId} abandoned after {Attempts} attempts: {Reason}")]
    private partial void LogDeliveryAbandoned(string eventId, string kind, string paymentId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not release {Count} claimed payment webhooks while stopping; they are resent when their lease ends")]
    private partial void LogReleaseFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Payment sandbox delivery pass failed")]
    private partial void LogPassFailed(Exception exception);
}
