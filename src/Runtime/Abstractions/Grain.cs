using Microsoft.Extensions.DependencyInjection;
using PacificEdge.Runtime.Activation;

namespace PacificEdge.Runtime;

/// <summary>
/// Base class of grain implementations. The runtime creates the instance (constructor
/// parameters come from dependency injection, and <see cref="IPersistentState{TState}"/>
/// parameters marked with <see cref="PersistentStateAttribute"/> are bound to this grain),
/// loads its state, calls <see cref="OnActivateAsync"/>, then delivers calls one turn at a time.
/// </summary>
public abstract class Grain
{
    private GrainActivation? _activation;

    /// <summary>This grain's id.</summary>
    public GrainId GrainId => Activation.GrainId;

    /// <summary>Creates references to other grains (and to this one).</summary>
    protected IGrainFactory GrainFactory => Activation.Services.GrainFactory;

    /// <summary>The silo's service provider.</summary>
    protected IServiceProvider ServiceProvider => Activation.Services.ServiceProvider;

    internal GrainActivation Activation => _activation ?? throw new InvalidOperationException(
        $"{GetType().Name} is not attached to an activation: grains are created by the runtime, not with 'new'.");

    /// <summary>The key of a grain with a string key.</summary>
    public string GetPrimaryKeyString() => GrainId.Key;

    /// <summary>The key of a grain with a Guid key.</summary>
    public Guid GetPrimaryKey() => Guid.ParseExact(GrainId.Key, "N");

    /// <summary>The key of a grain with an integer key.</summary>
    public long GetPrimaryKeyLong() => long.Parse(GrainId.Key, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Runs after the state is loaded, before the first call is delivered. An exception fails the activation and the calls waiting for it.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs as the last turn before the activation is dropped (not on a crash).</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current turn ends; the next call creates a fresh one.</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivation(DeactivationReason.ApplicationRequested);

    /// <summary>
    /// Starts a timer whose callback runs as a turn of this activation (never concurrently with
    /// calls or with itself). Not durable: it stops when the activation deactivates.
    /// </summary>
    /// <param name="callback">The work to run; the token is cancelled when the timer stops.</param>
    /// <param name="dueTime">Delay before the first tick.</param>
    /// <param name="period">Interval between ticks, or <see cref="Timeout.InfiniteTimeSpan"/> for a single tick.</param>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
        => Activation.RegisterTimer(callback, dueTime, period);

    /// <summary>Registers or updates a durable periodic reminder. <see cref="IRemindable.ReceiveReminder"/> receives its ticks.</summary>
    /// <exception cref="ArgumentException">The period is below the configured minimum, or the name is empty.</exception>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
        => Reminders.RegisterOrUpdateAsync(GrainId, reminderName, dueTime, period, Activation.Services.AbortedToken);

    /// <summary>Registers or updates a durable one-shot reminder: it fires once at <paramref name="dueAt"/> (or as soon as possible after, if the silo was down) and is then removed.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateOneShotReminder(string reminderName, DateTimeOffset dueAt)
        => Reminders.RegisterOneShotAsync(GrainId, reminderName, dueAt, Activation.Services.AbortedToken);

    /// <summary>Removes a reminder. No effect if it is already gone.</summary>
    protected Task UnregisterReminder(IGrainReminder reminder)
        => Reminders.UnregisterAsync(GrainId, reminder.ReminderName, Activation.Services.AbortedToken);

    /// <summary>Gets a registered reminder by name, or <see langword="null"/>.</summary>
    protected Task<IGrainReminder?> GetReminder(string reminderName)
        => Reminders.GetAsync(GrainId, reminderName, Activation.Services.AbortedToken);

    /// <summary>Gets all reminders registered for this grain.</summary>
    protected Task<IReadOnlyList<IGrainReminder>> GetReminders()
        => Reminders.GetAllAsync(GrainId, Activation.Services.AbortedToken);

    private Reminders.ReminderRegistry Reminders => Activation.ClassInfo.ReminderMethod is null
        ? throw new InvalidOperationException($"{GetType().Name} registers reminders but does not implement IRemindable.")
        : Activation.Services.ServiceProvider.GetRequiredService<Reminders.ReminderRegistry>();

    internal void Attach(GrainActivation activation) => _activation = activation;
}
