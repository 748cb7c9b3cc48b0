using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PacificEdge.Runtime.Clustering;

/// <summary>
/// A grain client's membership reader: loads the table at start (a failure is logged, not fatal:
/// the process starts and readiness says the membership is not loaded) and every
/// <see cref="ClusterOptions.TableRefreshInterval"/> after. Clients never write the table.
/// </summary>
internal sealed partial class MembershipRefreshService(
    MembershipView view,
    IOptions<ClusterOptions> options,
    TimeProvider clock,
    Diagnostics.RuntimeMetrics metrics,
    ILogger<MembershipRefreshService> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.ObserveActiveSilos(() => view.Current.Active.Length);
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.TableRefreshInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            await view.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRefreshFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read cluster membership; calls use the last view until the next refresh")]
    private partial void LogRefreshFailed(Exception exception);
}
