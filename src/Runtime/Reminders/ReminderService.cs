using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PacificEdge.Runtime.Activation;
using PacificEdge.Runtime.Diagnostics;
using PacificEdge.Runtime.Hosting;
using PacificEdge.Runtime.Messaging;
using PacificEdge.Runtime.Placement;
using PacificEdge.Runtime.References;
using PacificEdge.Runtime.Serialization;

namespace PacificEdge.Runtime.Reminders;

/// <summary>
/// Delivers due reminders of the grains this silo owns (R8). Polls the table; each tick is a
/// <see cref="IRemindable.ReceiveReminder"/> call through the normal call path. Only after the
/// handler returns is the tick recorded (next period, or removal of a one-shot), so delivery is
/// at-least-once; a tick missed while the silo was down fires once on recovery; a handler that
/// throws is retried with exponential backoff.
/// </summary>
internal sealed partial class ReminderService(
    IReminderTable table,
    IPlacementDirector placement,
    Lazy<GrainCallInvoker> invoker,
    GrainCodec codec,
    IOptions<ReminderOptions> options,
    SiloLifetime lifetime,
    TimeProvider timeProvider,
    RuntimeMetrics metrics,
    ILogger<ReminderService> logger) : BackgroundService
{
    private static readonly GrainMethodDescriptor ReceiveReminder = new(
        GrainClassInfo.ReminderInterfaceName,
        typeof(IRemindable).GetMethod(nameof(IRemindable.ReceiveReminder))!,
        GrainMethodKind.Task,
        null);

    private readonly ConcurrentDictionary<(GrainId, string), Task> _inFlight = new();

    // Versions of ticks already delivered and recorded, so a row read in a batch before its tick
    // finished is not delivered again (entries age out: a stale batch is at most a poll or two old).
    private readonly ConcurrentDictionary<(GrainId, string), (long Version, long At)> _done = new();
    private readonly ReminderOptions _options = options.Value;
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentTicks);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        // Ticks already being delivered finish their bookkeeping within the host's stop budget.
        await Task.WhenAll(_inFlight.Values).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public override void Dispose()
    {
        base.Dispose();
        if (_inFlight.Values.All(t => t.IsCompleted))
        {
            _slots.Dispose();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.StoppingToken);
        var token = linked.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                ForgetOldDeliveries();
                var due = await table.ReadDueAsync(timeProvider.GetUtcNow(), _options.BatchSize, token).ConfigureAwait(false);
                foreach (var entry in due)
                {
                    var key = (entry.GrainId, entry.Name);
                    if (!placement.IsLocal(entry.GrainId)
                        || (_inFlight.TryGetValue(key, out var running) && !running.IsCompleted)
                        || (_done.TryGetValue(key, out var done) && done.Version >= entry.Version))
                    {
                        continue;
                    }

                    await _slots.WaitAsync(token).ConfigureAwait(false);
                    _inFlight[key] = FireAsync(entry);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogPollFailed(ex);
            }

            try
            {
                await Task.Delay(_options.PollInterval, timeProvider, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private void ForgetOldDeliveries()
    {
        var horizon = Environment.TickCount64 - (long)Math.Max(60_000, 10 * _options.PollInterval.TotalMilliseconds);
        foreach (var (key, value) in _done)
        {
            if (value.At < horizon)
            {
                _done.TryRemove(key, out _);
            }
        }
    }

    private async Task FireAsync(ReminderEntry entry)
    {
        await Task.Yield();
        try
        {
            var attempt = entry.Attempt + 1;
            var status = new TickStatus(entry.StartAt, entry.Period, entry.NextDue, attempt);
            bool delivered;
            try
            {
                await invoker.Value.SendAsync(new GrainRequest
                {
                    Target = entry.GrainId,
                    Interface = GrainClassInfo.ReminderInterfaceName,
                    Method = nameof(IRemindable.ReceiveReminder),
                    Arguments = codec.SerializeArguments([entry.Name, status], ReceiveReminder),
                }).ConfigureAwait(false);
                delivered = true;
            }
            catch (Exception ex)
            {
                LogTickFailed(ex, entry.Name, entry.GrainId.Type, entry.GrainId.Key, attempt);
                delivered = false;
            }

            metrics.ReminderTick(entry.GrainId.Type, delivered);
            var now = timeProvider.GetUtcNow();
            if (!delivered)
            {
                await table.RescheduleAsync(entry.GrainId, entry.Name, entry.Version, now + Backoff(attempt), attempt, lifetime.AbortedToken).ConfigureAwait(false);
            }
            else if (entry.Period is { } period)
            {
                await table.RescheduleAsync(entry.GrainId, entry.Name, entry.Version, NextTick(entry.StartAt, period, now), 0, lifetime.AbortedToken).ConfigureAwait(false);
            }
            else
            {
                // Conditional on the version: a handler that re-registered the reminder keeps it.
                await table.RemoveAsync(entry.GrainId, entry.Name, entry.Version, lifetime.AbortedToken).ConfigureAwait(false);
            }

            _done[(entry.GrainId, entry.Name)] = (entry.Version, Environment.TickCount64);
        }
        catch (Exception ex)
        {
            // The tick stays due and is delivered again: at-least-once.
            LogBookkeepingFailed(ex, entry.Name, entry.GrainId.Type, entry.GrainId.Key);
        }
        finally
        {
            _inFlight.TryRemove((entry.GrainId, entry.Name), out _);
            _slots.Release();
        }
    }

    /// <summary>
    /// The first tick of the period grid (anchored at the first due time, so retries do not shift
    /// it) strictly after now: missed ticks collapse into the one just delivered.
    /// </summary>
    internal static DateTimeOffset NextTick(DateTimeOffset due, TimeSpan period, DateTimeOffset now)
    {
        var missed = now > due ? (now - due).Ticks / period.Ticks : 0;
        return due + TimeSpan.FromTicks(period.Ticks * (missed + 1));
    }

    private TimeSpan Backoff(int attempt) => ExponentialBackoff.Delay(_options.RetryInitialBackoff, _options.RetryMaxBackoff, attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder poll failed; retrying at the next interval")]
    private partial void LogPollFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {ReminderName} of {GrainType}/{GrainKey} failed (attempt {Attempt}); will retry with backoff")]
    private partial void LogTickFailed(Exception exception, string reminderName, string grainType, string grainKey, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the tick of reminder {ReminderName} of {GrainType}/{GrainKey}; it will be delivered again")]
    private partial void LogBookkeepingFailed(Exception exception, string reminderName, string grainType, string grainKey);
}
