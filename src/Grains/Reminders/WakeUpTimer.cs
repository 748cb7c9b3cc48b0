using Orleans;
using Orleans.Runtime;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Reminders;

/// <summary>
/// The in-activation half of a grain's wake-up (<see cref="PacificEdge.Persistence.IHasWakeUpTime"/>): a one-shot grain
/// timer set for the state's wake-up time, which calls <see cref="IWakeUpGrain.WakeUp"/> as its own turn. While the
/// activation lives this does the work on time; once it is gone, the silos' <see cref="GrainWakeUpSweeper"/> finds the
/// stored time. A timer does not keep the activation alive.
/// </summary>
/// <param name="grain">The grain that owns the timer.</param>
/// <param name="time">The clock the wake-up times are measured against.</param>
public sealed class WakeUpTimer(IWakeUpGrain grain, TimeProvider time)
{
    // Timers take at most ~49 days; a later time is re-armed when this much has passed.
    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    private IGrainTimer? _timer;

    /// <summary>The wake-up time the database holds for the grain (as last read or written).</summary>
    public DateTimeOffset? Stored { get; private set; }

    /// <summary>Records the time the state was read or written with, and sets the timer for it.</summary>
    public void Stores(DateTimeOffset? stored)
    {
        Stored = stored;
        Arm(stored);
    }

    /// <summary>Sets the timer for <paramref name="due"/> (now if it has passed); stops it when null.</summary>
    public void Arm(DateTimeOffset? due)
    {
        if (due is null)
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var dueIn = TimeSpan.FromTicks(Math.Clamp((due.Value - time.GetUtcNow()).Ticks, 0, Longest.Ticks));
        if (_timer is null)
        {
            _timer = ((IGrainBase)grain).RegisterGrainTimer(static (target, _) => target.WakeUp(), grain, new GrainTimerCreationOptions(dueIn, Timeout.InfiniteTimeSpan));
        }
        else
        {
            _timer.Change(dueIn, Timeout.InfiniteTimeSpan);
        }
    }
}
