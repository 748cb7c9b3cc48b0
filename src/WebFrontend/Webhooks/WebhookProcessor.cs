using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Interfaces.Payments;
using PacificEdge.Grains.Interfaces.Shipping;
using Orleans;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.WebFrontend.Data;

namespace PacificEdge.WebFrontend.Webhooks;

/// <summary>
/// Routes stored webhook events to grains: new ones as they are signalled, due ones (retries,
/// events left by a crash) by a scan. Each event is claimed with a lease so two front
/// ends never process it at once; a failure is retried with exponential backoff, then abandoned
/// (still replayable by an admin). The scan sleeps until the next stored event falls due (or this
/// process schedules an earlier retry), at most <see cref="WebhookOptions.ScanInterval"/>, so an idle
/// store is not polled every few seconds for retries that are not due.
/// </summary>
public sealed partial class WebhookProcessor(
    WebhookStore store,
    WebhookQueue queue,
    IGrainFactory grains,
    WebhookMetrics metrics,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookProcessor> logger) : BackgroundService
{
    private const int ScanBatch = 100;

    // The earliest retry this process scheduled since the scan last read the store (UTC ticks; MaxValue: none), and
    // the nudge that tells the sleeping scan about it.
    private long _earliestRetryTicks = long.MaxValue;
    private readonly SemaphoreSlim _retryScheduled = new(0, 1);

    private WebhookOptions Settings => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var scan = ScanAsync(stoppingToken);
        var workers = Enumerable.Range(0, Settings.ProcessorConcurrency).Select(_ => Task.Run(() => WorkAsync(stoppingToken), stoppingToken));
        await Task.WhenAll(workers.Append(scan)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in queue.Reader.ReadAllAsync(stoppingToken))
            {
                if (work.Claimed is { } claimed)
                {
                    await ProcessClaimedAsync(claimed, stoppingToken);
                }
                else
                {
                    await ProcessAsync(work.Id, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>Processes one stored event if it is due and not claimed elsewhere; returns whether it was processed.</summary>
    public async Task<bool> ProcessAsync(long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var webhook = await store.TryClaimAsync(id, now, now + Settings.ProcessingLease, cancellationToken);
        return webhook is not null && await ProcessClaimedAsync(webhook, cancellationToken);
    }

    /// <summary>Processes an event this process holds the lease of; returns whether it was processed.</summary>
    public async Task<bool> ProcessClaimedAsync(WebhookEvent webhook, CancellationToken cancellationToken)
    {
        var id = webhook.Id;
        try
        {
            await RouteAsync(webhook);
            await store.MarkProcessedAsync(id, time.GetUtcNow(), CancellationToken.None);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.ProcessingFailed(webhook.Provider);
            var abandon = webhook.Attempts >= Settings.MaxAttempts;
            var delay = ExponentialBackoff.Delay(Settings.RetryBaseDelay, Settings.MaxRetryDelay, webhook.Attempts);
            LogFailed(ex, webhook.Provider, webhook.Id, webhook.Attempts, abandon);
            var retryAt = time.GetUtcNow() + delay;
            await store.MarkFailedAsync(id, $"{ex.GetType().Name}: {ex.Message}", retryAt, abandon, CancellationToken.None);
            if (!abandon)
            {
                RetryScheduled(retryAt);
            }

            return false;
        }
    }

    private async Task RouteAsync(WebhookEvent webhook)
    {
        switch (webhook.Provider)
        {
            case PaymentWebhookEndpoint.Provider:
                if (PaymentWebhookParser.Parse(webhook.Payload).Event is { } paymentEvent)
                {
                    await grains.GetGrain<IOrderGrain>(paymentEvent.OrderId).ApplyPaymentEvent(paymentEvent);
                }

                break;
            case ShippingWebhookEndpoint.Provider:
                using (var document = JsonDocument.Parse(webhook.Payload))
                {
                    var url = document.RootElement.GetProperty("resource_url").GetString()!;
                    await grains.GetGrain<IShippingNotificationGrain>(webhook.EventId).Process(url);
                }

                break;
            default:
                throw new InvalidOperationException($"No route for webhook provider '{webhook.Provider}'.");
        }
    }

    private async Task ScanAsync(CancellationToken stoppingToken)
    {
        var wakeAt = time.GetUtcNow() + Settings.ScanInterval;
        try
        {
            while (true)
            {
                await SleepUntilAsync(wakeAt, stoppingToken);
                var now = time.GetUtcNow();
                // Before reading: a retry stored before the read is in what it returns, a later one is noted again.
                Interlocked.Exchange(ref _earliestRetryTicks, long.MaxValue);
                var latest = now + Settings.ScanInterval;
                wakeAt = latest;
                try
                {
                    var scan = await store.ScanAsync(now, ScanBatch, stoppingToken);
                    foreach (var id in scan.Due)
                    {
                        await ProcessAsync(id, stoppingToken);
                    }

                    // A full batch may have left more due: look again at once.
                    wakeAt = scan.Due.Count == ScanBatch ? now : scan.NextAt is { } next && next < latest ? next : latest;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogScanFailed(ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    // Sleeps until wakeAt, or until a retry this process scheduled falls due, if that is sooner.
    private async Task SleepUntilAsync(DateTimeOffset wakeAt, CancellationToken stoppingToken)
    {
        while (true)
        {
            var retryTicks = Volatile.Read(ref _earliestRetryTicks);
            var until = retryTicks < wakeAt.UtcTicks ? new DateTimeOffset(retryTicks, TimeSpan.Zero) : wakeAt;
            var delay = until - time.GetUtcNow();
            if (delay <= TimeSpan.Zero)
            {
                return;
            }

            using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var nudged = _retryScheduled.WaitAsync(sleep.Token);
            var first = await Task.WhenAny(nudged, Task.Delay(delay, time, sleep.Token));
            await sleep.CancelAsync();
            stoppingToken.ThrowIfCancellationRequested();
            if (first != nudged)
            {
                return;
            }
        }
    }

    private void RetryScheduled(DateTimeOffset retryAt)
    {
        var ticks = retryAt.UtcTicks;
        var current = Volatile.Read(ref _earliestRetryTicks);
        while (ticks < current)
        {
            var seen = Interlocked.CompareExchange(ref _earliestRetryTicks, ticks, current);
            if (seen == current)
            {
                if (_retryScheduled.CurrentCount == 0)
                {
                    try
                    {
                        _retryScheduled.Release();
                    }
                    catch (SemaphoreFullException)
                    {
                        // already nudged
                    }
                }

                return;
            }

            current = seen;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Processing {Provider} webhook {WebhookId} failed (attempt {Attempt}, abandoned: {Abandoned})")]
    private partial void LogFailed(Exception exception, string provider, long webhookId, int attempt, bool abandoned);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scanning for due webhook events failed")]
    private partial void LogScanFailed(Exception exception);
}
