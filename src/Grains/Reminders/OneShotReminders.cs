using Orleans;
using Orleans.Runtime;

namespace PacificEdge.Grains.Reminders;

/// <summary>
/// One-shot work ("expire this order at 14:30") on Orleans reminders, which are periodic only.
/// A reminder is registered with the due time and a short period; the grain's handler does the
/// work idempotently and the reminder is unregistered after it succeeds. A handler that throws
/// leaves the reminder in place, so it fires again one period later. Orleans does not replay
/// ticks missed while no silo owned the grain: after an outage the work runs at the next period
/// slot, so it is late by at most one period.
/// </summary>
/// <param name="grain">The grain that owns the reminders (must implement <see cref="IRemindable"/>).</param>
/// <param name="time">The clock the due times are measured against.</param>
/// <param name="period">How often an unfinished reminder fires again.</param>
public sealed class OneShotReminders(Grain grain, TimeProvider time, TimeSpan period)
{
    // Names (re)armed during the current turn: a handler that schedules its own reminder again keeps it.
    private readonly HashSet<string> _armedThisTurn = new(StringComparer.Ordinal);

    // Handles this activation registered (with their ETags), so cancelling one needs no read first.
    private readonly Dictionary<string, IGrainReminder> _known = new(StringComparer.Ordinal);

    /// <summary>Registers (or moves) the reminder so that it first fires at <paramref name="dueAt"/>, or right away if that has passed.</summary>
    public async Task ScheduleAsync(string name, DateTimeOffset dueAt)
    {
        var dueIn = dueAt - time.GetUtcNow();
        _known[name] = await grain.RegisterOrUpdateReminder(name, dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero, period);
        _armedThisTurn.Add(name);
    }

    /// <summary>Removes the reminder; no effect when it is not registered.</summary>
    public async Task CancelAsync(string name)
    {
        _armedThisTurn.Remove(name);
        var reminder = _known.Remove(name, out var known) ? known : await grain.GetReminder(name);
        if (reminder is not null)
        {
            await grain.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// Runs the handler for a reminder that fired, then unregisters the reminder unless the handler
    /// scheduled it again. If the handler throws, the reminder stays and fires again after one period.
    /// </summary>
    public async Task DeliverAsync(string name, Func<Task> handler)
    {
        _armedThisTurn.Remove(name);
        await handler();
        if (!_armedThisTurn.Remove(name))
        {
            await CancelAsync(name);
        }
    }
}
