using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PacificEdge.WebFrontend.Data;
using PacificEdge.WebFrontend.Infrastructure.Telemetry;

namespace PacificEdge.WebFrontend.Realtime;

/// <summary>
/// Live counters for the admin dashboard, recomputed from durable state every refresh interval
/// (sooner after an order event, but at most once a second) and pushed to <see cref="AdminHub"/>; raises and stores alerts when
/// thresholds are crossed (payment failure rate, webhook failures, checkout p95), and hands each raised alert to the
/// chat notifier once (the cooldown keeps a standing condition from re-raising every refresh). Every refresh also pushes
/// the alerts stored since the last one it pushed, whoever raised them (orders raise theirs in the silo),
/// so each alert reaches the hub once from each front end, its own included.
/// </summary>
public sealed partial class DashboardService(
    OrderSummaryQueries orders,
    DashboardQueries dashboard,
    AdminQueries admin,
    CheckoutLatency latency,
    ClusterStatus cluster,
    ChatAlertNotifier chat,
    IHubContext<AdminHub> hub,
    IOptions<FrontendOptions> options,
    IOptions<PacificEdge.WebFrontend.Api.StoreSettings> store,
    TimeProvider time,
    ILogger<DashboardService> logger) : BackgroundService
{
    private const int AlertPushBatch = 100;

    private static readonly TimeSpan MaximumRefreshRate = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, DateTimeOffset> _lastAlert = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _changed = new(0, 1);

    // The newest alert id already pushed; null until read from the database (alerts older than this process are listed, not pushed).
    private long? _lastPushedAlertId;

    private DashboardSettings Settings => options.Value.Dashboard;

    public void MarkChanged()
    {
        if (_changed.CurrentCount == 0)
        {
            try
            {
                _changed.Release();
            }
            catch (SemaphoreFullException)
            {
                // already signalled
            }
        }
    }

    public async Task<DashboardSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await SnapshotAsync(now, await orders.CountersAsync(now, cancellationToken), cancellationToken);
    }

    private async Task<DashboardSnapshot> SnapshotAsync(DateTimeOffset now, OrderCounters counters, CancellationToken cancellationToken)
    {
        var silos = await cluster.SilosAsync(cancellationToken);
        return new DashboardSnapshot(now, counters, latency.P95Milliseconds(), silos, silos.Where(s => s.Activations > 0).Sum(s => s.Activations), store.Value.Currency);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Read before the first wait, so an alert raised while this process waits is pushed, not skipped.
                _lastPushedAlertId ??= await admin.LastAlertIdAsync(stoppingToken);
                await _changed.WaitAsync(Settings.RefreshInterval, stoppingToken);
                // Counters and the alerts stored since the last push in one batch: one transaction a refresh.
                var now = time.GetUtcNow();
                var reading = await dashboard.ReadAsync(now, _lastPushedAlertId.Value, AlertPushBatch, stoppingToken);
                var snapshot = await SnapshotAsync(now, reading.Counters, stoppingToken);
                await hub.Clients.All.SendAsync(AdminHub.CountersMessage, snapshot, stoppingToken);
                await PushAsync(reading.AlertsAfter, stoppingToken);
                var raised = await CheckAlertsAsync(snapshot, stoppingToken);
                if (raised || reading.AlertsAfter.Count == AlertPushBatch)
                {
                    // Only then can more be stored: this refresh's own alerts, or the rest of a long backlog.
                    await PushNewAlertsAsync(stoppingToken);
                }

                // Under load every order event signals a change: a gap keeps it to one refresh (one batch) a second.
                await Task.Delay(Settings.RefreshInterval < MaximumRefreshRate ? Settings.RefreshInterval : MaximumRefreshRate, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRefreshFailed(ex);
                await Task.Delay(Settings.RefreshInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Raises the alerts whose thresholds are crossed; returns whether it raised any.</summary>
    private async Task<bool> CheckAlertsAsync(DashboardSnapshot snapshot, CancellationToken cancellationToken)
    {
        var settings = Settings;
        var raised = await RaiseIfAsync("payment_failure_rate", snapshot.Orders.PaymentFailureRate > settings.PaymentFailureRateThreshold,
            $"Payment failure rate is {snapshot.Orders.PaymentFailureRate:P1} over the last hour.", (decimal)snapshot.Orders.PaymentFailureRate, (decimal)settings.PaymentFailureRateThreshold, cancellationToken);
        raised |= await RaiseIfAsync("webhook_failures", snapshot.Orders.WebhookFailuresLast5Minutes > settings.WebhookFailuresThreshold,
            $"{snapshot.Orders.WebhookFailuresLast5Minutes} webhook failures in the last 5 minutes.", snapshot.Orders.WebhookFailuresLast5Minutes, settings.WebhookFailuresThreshold, cancellationToken);
        raised |= await RaiseIfAsync("checkout_p95", snapshot.CheckoutP95Milliseconds > settings.CheckoutP95Threshold.TotalMilliseconds,
            $"Checkout p95 is {snapshot.CheckoutP95Milliseconds:F0} ms.", (decimal)snapshot.CheckoutP95Milliseconds, (decimal)settings.CheckoutP95Threshold.TotalMilliseconds, cancellationToken);
        return raised;
    }

    private async Task<bool> RaiseIfAsync(string kind, bool crossed, string message, decimal value, decimal threshold, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!crossed || (_lastAlert.TryGetValue(kind, out var last) && now - last < Settings.AlertCooldown))
        {
            return false;
        }

        _lastAlert[kind] = now;
        var alert = await admin.RaiseAlertAsync(kind, message, value, threshold, cancellationToken);
        LogAlert(kind, message);
        // Queued, not awaited: a slow or failing chat service never holds up the dashboard.
        chat.Post(alert);
        // Not pushed here: PushNewAlertsAsync pushes it with the others, so it goes out once.
        return true;
    }

    private async Task PushNewAlertsAsync(CancellationToken cancellationToken)
    {
        var after = _lastPushedAlertId ?? 0;
        IReadOnlyList<Alert> alerts;
        do
        {
            alerts = await admin.AlertsAfterAsync(after, AlertPushBatch, cancellationToken);
            await PushAsync(alerts, cancellationToken);
            after = _lastPushedAlertId ?? 0;
        }
        while (alerts.Count == AlertPushBatch);
    }

    private async Task PushAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        foreach (var alert in alerts)
        {
            await hub.Clients.All.SendAsync(AdminHub.AlertMessage, alert, cancellationToken);
            _lastPushedAlertId = alert.Id;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard refresh failed")]
    private partial void LogRefreshFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Kind}: {Message}")]
    private partial void LogAlert(string kind, string message);
}

/// <summary>What the dashboard shows; money amounts are in <paramref name="Currency"/> (the store currency).</summary>
public sealed record DashboardSnapshot(DateTimeOffset At, OrderCounters Orders, double CheckoutP95Milliseconds, IReadOnlyList<SiloSummary> Silos, long Activations, string Currency);
