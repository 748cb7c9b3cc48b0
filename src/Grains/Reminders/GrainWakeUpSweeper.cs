using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using PacificEdge.Grains.Common;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Persistence;

namespace PacificEdge.Grains.Reminders;

/// <summary>
/// Wakes grains whose stored wake-up time has passed (<see cref="IHasWakeUpTime"/>): an order whose activation died
/// with effects owed. Live activations retry on their own timers, so this only finds work a crash left behind; it
/// replaces a reminder registered and removed around every change, which cost two statements each. Every silo sweeps
/// once per <see cref="CommerceOptions.ReminderPeriod"/>; two silos waking one grain is harmless (the work is idempotent).
/// </summary>
public sealed partial class GrainWakeUpSweeper(
    GrainWakeUps wakeUps,
    IGrainFactory grains,
    IOptions<CommerceOptions> options,
    TimeProvider time,
    ILogger<GrainWakeUpSweeper> logger) : BackgroundService
{
    private const int Batch = 500;
    private const int Parallelism = 16;

    /// <summary>One sweep: wakes every grain due now (in batches); returns how many were woken.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var woken = 0;
        IReadOnlyList<GrainId> due;
        do
        {
            due = await wakeUps.DueAsync(time.GetUtcNow(), Batch, cancellationToken);
            var failed = 0;
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (id, _) =>
            {
                try
                {
                    await grains.GetGrain<IWakeUpGrain>(id).WakeUp();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Left due: the next sweep tries again.
                    Interlocked.Increment(ref failed);
                    LogWakeUpFailed(ex, id);
                }
            });
            woken += due.Count - failed;
            // A failure leaves its row due: stop, rather than read the same rows again at once.
            if (failed > 0)
            {
                break;
            }
        }
        while (due.Count == Batch);

        return woken;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = options.Value.ReminderPeriod;
        try
        {
            while (true)
            {
                // First sweep one period after start: the silo joins the cluster meanwhile.
                await Task.Delay(period, time, stoppingToken);
                try
                {
                    if (await SweepAsync(stoppingToken) is > 0 and var woken)
                    {
                        LogSwept(woken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database may be away for a moment; the next period tries again.
                    LogSweepFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Woke {Count} grains with work left behind")]
    private partial void LogSwept(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking {GrainId} failed; the next sweep tries again")]
    private partial void LogWakeUpFailed(Exception exception, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The wake-up sweep failed; the next period tries again")]
    private partial void LogSweepFailed(Exception exception);
}
