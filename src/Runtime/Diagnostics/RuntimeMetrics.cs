using System.Diagnostics.Metrics;

namespace PacificEdge.Runtime.Diagnostics;

/// <summary>
/// The runtime's instruments (meter <see cref="MeterName"/>): activations, calls, call latency,
/// storage latency, reminder ticks and errors. Tagged by grain type, never by key (cardinality).
/// </summary>
public sealed class RuntimeMetrics
{
    /// <summary>The meter name to listen to or export.</summary>
    public const string MeterName = "PacificEdge.Runtime";

    private readonly Counter<long> _activationsCreated;
    private readonly Counter<long> _activationsDeactivated;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _callErrors;
    private readonly Histogram<double> _callDuration;
    private readonly Histogram<double> _storageDuration;
    private readonly Counter<long> _storageErrors;
    private readonly Counter<long> _reminderTicks;
    private readonly Counter<long> _callsForwarded;
    private readonly Counter<long> _callsRetried;
    private readonly Counter<long> _silosDeclaredDead;
    private Func<int>? _activeActivations;
    private Func<int>? _activeSilos;

    /// <summary>Creates the instruments on a meter from the factory.</summary>
    public RuntimeMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _activationsCreated = meter.CreateCounter<long>("pacificedge.grain.activations.created", description: "Grain activations created.");
        _activationsDeactivated = meter.CreateCounter<long>("pacificedge.grain.activations.deactivated", description: "Grain activations deactivated.");
        meter.CreateObservableGauge("pacificedge.grain.activations.active", () => _activeActivations?.Invoke() ?? 0, description: "Activations currently in memory.");
        _calls = meter.CreateCounter<long>("pacificedge.grain.calls", description: "Grain calls completed (including those that threw).");
        _callErrors = meter.CreateCounter<long>("pacificedge.grain.call.errors", description: "Grain calls that failed, by kind.");
        _callDuration = meter.CreateHistogram<double>("pacificedge.grain.call.duration", unit: "ms", description: "Grain call latency seen by the caller.");
        _storageDuration = meter.CreateHistogram<double>("pacificedge.storage.duration", unit: "ms", description: "Grain storage operation latency.");
        _storageErrors = meter.CreateCounter<long>("pacificedge.storage.errors", description: "Grain storage operations that failed, by kind.");
        _reminderTicks = meter.CreateCounter<long>("pacificedge.reminder.ticks", description: "Reminder ticks delivered, by outcome.");
        _callsForwarded = meter.CreateCounter<long>("pacificedge.cluster.calls.forwarded", description: "Calls a silo forwarded to the grain's owner.");
        _callsRetried = meter.CreateCounter<long>("pacificedge.cluster.calls.retried", description: "Calls retried because their silo was unavailable.");
        _silosDeclaredDead = meter.CreateCounter<long>("pacificedge.cluster.silos.declared_dead", description: "Peers this silo declared dead after their heartbeats stopped.");
        meter.CreateObservableGauge("pacificedge.cluster.silos.active", () => _activeSilos?.Invoke() ?? 0, description: "Active silos in this process's membership view.");
    }

    internal void ObserveActiveActivations(Func<int> count) => _activeActivations = count;

    internal void ObserveActiveSilos(Func<int> count) => _activeSilos = count;

    internal void CallForwarded(string grainType) => _callsForwarded.Add(1, new KeyValuePair<string, object?>("grain.type", grainType));

    internal void CallRetried(string grainType) => _callsRetried.Add(1, new KeyValuePair<string, object?>("grain.type", grainType));

    internal void SiloDeclaredDead() => _silosDeclaredDead.Add(1);

    internal void ActivationCreated(string grainType) => _activationsCreated.Add(1, new KeyValuePair<string, object?>("grain.type", grainType));

    internal void ActivationDeactivated(string grainType, DeactivationReason reason)
        => _activationsDeactivated.Add(1, new("grain.type", grainType), new("reason", reason.ToString()));

    internal void CallCompleted(string grainType, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("grain.type", grainType);
        _calls.Add(1, tag);
        _callDuration.Record(elapsed.TotalMilliseconds, tag);
    }

    internal void CallFailed(string grainType, string kind) => _callErrors.Add(1, new("grain.type", grainType), new("kind", kind));

    internal void StorageOperation(string operation, TimeSpan elapsed) => _storageDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("operation", operation));

    internal void StorageFailed(string operation, string kind) => _storageErrors.Add(1, new("operation", operation), new("kind", kind));

    internal void ReminderTick(string grainType, bool succeeded)
        => _reminderTicks.Add(1, new("grain.type", grainType), new("outcome", succeeded ? "success" : "failure"));
}
