using Orleans;
using Orleans.Runtime;
using PacificEdge.Grains.Common;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Persistence;

namespace PacificEdge.Grains.Reminders;

/// <summary>
/// A grain's wake-up time, kept in its state (<see cref="IHasWakeUpTime"/>) and so stored by the state's own write.
/// While the activation lives, a one-shot grain timer calls <see cref="IWakeUpGrain.WakeUp"/> at that time as its own
/// turn; once the activation is gone, the silos' <see cref="GrainWakeUpSweeper"/> finds the stored time. A timer does
/// not keep the activation alive.
/// </summary>
/// <param name="grain">The grain that owns the state and the timer.</param>
/// <param name="state">Its persistent state.</param>
/// <param name="time">The clock the wake-up times are measured against.</param>
public sealed class StoredWakeUp<TState>(IWakeUpGrain grain, IPersistentState<TState> state, TimeProvider time)
    where TState : IHasWakeUpTime
{
    // Timers take at most ~49 days; a later time is re-armed when this much has passed.
    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    private IGrainTimer? _timer;

    // The wake-up time the database holds (as last read or written).
    private DateTimeOffset? _stored;

    // The activation holds changes the database does not, all of which can be redone, until this time (see DeferSave).
    private DateTimeOffset? _unsavedUntil;

    /// <summary>On activation: the state was just read; sets the timer for the time it holds.</summary>
    public void Loaded()
    {
        _stored = state.State.WakeUpAt;
        Arm();
    }

    /// <summary>Writes the state (dropping the activation if that fails), then sets the timer for the time it stored.</summary>
    public async Task SaveAsync()
    {
        // Cleared first: after a failed write the activation is dropped and must not write what the caller never got.
        _unsavedUntil = null;
        await state.WriteOrDropAsync((IGrainBase)grain);
        _stored = state.State.WakeUpAt;
        Arm();
    }

    /// <summary>
    /// Leaves the state unwritten for up to <paramref name="delay"/>, because everything that changed since the last write
    /// can be redone if it is lost (effects that ran, all repeatable): the next write takes it along, or, if none comes
    /// by then (or by the wake-up time already stored, which would redo the work after a crash), the timer calls
    /// <see cref="SettleAsync"/>, which writes it. Saves a write per turn that only ran effects.
    /// </summary>
    public void DeferSave(TimeSpan delay)
    {
        var by = time.GetUtcNow() + delay;
        if (_unsavedUntil is not { } earlier || by < earlier)
        {
            _unsavedUntil = _stored is { } stored && stored < by ? stored : by;
        }

        Arm();
    }

    /// <summary>After a wake-up: writes the state if it holds unwritten changes or its time moved without a write (nothing was due after all), else sets the timer.</summary>
    public Task SettleAsync()
    {
        if (_unsavedUntil is not null || state.State.WakeUpAt != _stored)
        {
            return SaveAsync();
        }

        Arm();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Sets the timer for the state's wake-up time (now if it has passed), or for the time unwritten changes are due to
    /// be written if earlier; stops it when there is neither.
    /// </summary>
    public void Arm()
    {
        var wakeUpAt = state.State.WakeUpAt;
        if (_unsavedUntil is { } flush && (wakeUpAt is null || flush < wakeUpAt))
        {
            wakeUpAt = flush;
        }

        if (wakeUpAt is not { } due)
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var dueIn = TimeSpan.FromTicks(Math.Clamp((due - time.GetUtcNow()).Ticks, 0, Longest.Ticks));
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
