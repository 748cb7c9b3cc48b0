using System.Diagnostics.Metrics;

namespace PacificEdge.WebFrontend.Realtime;

/// <summary>
/// Silos and activations for the dashboard. This process's activation count comes from the
/// runtime's <c>pacificedge.grain.activations.active</c> gauge when grains run here.
/// </summary>
public sealed class ClusterStatus : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _localActivations = -1;

    public ClusterStatus()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "PacificEdge.Runtime" && instrument.Name == "pacificedge.grain.activations.active")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) => Interlocked.Exchange(ref _localActivations, value));
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Exchange(ref _localActivations, value));
        _listener.Start();
    }

    public Task<IReadOnlyList<SiloSummary>> SilosAsync(CancellationToken cancellationToken)
    {
        _listener.RecordObservableInstruments();
        var local = Interlocked.Read(ref _localActivations);
        IReadOnlyList<SiloSummary> silos = local < 0 ? [] : [new SiloSummary(Environment.MachineName, "Active", local)];
        return Task.FromResult(silos);
    }

    public void Dispose() => _listener.Dispose();
}

public sealed record SiloSummary(string Name, string Status, long Activations);
