using System.Diagnostics.Metrics;
using Npgsql;

namespace PacificEdge.WebFrontend.Realtime;

/// <summary>
/// Silos and activations for the dashboard: live silos from the cluster membership table, and this
/// process's activation count from the runtime's <c>pacificedge.grain.activations.active</c> gauge
/// (when grains run here). An unclustered co-hosted process is its own single silo.
/// </summary>
public sealed class ClusterStatus : IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _clusterId;
    private readonly MeterListener _listener = new();
    private long _localActivations = -1;

    public ClusterStatus(NpgsqlDataSource dataSource, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        _dataSource = dataSource;
        // Several clusters may share one database; show ours (same key and default as the runtime's ClusterOptions).
        _clusterId = configuration["Runtime:Cluster:ClusterId"] is { Length: > 0 } id ? id : "pacificedge";
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

    public async Task<IReadOnlyList<SiloSummary>> SilosAsync(CancellationToken cancellationToken)
    {
        _listener.RecordObservableInstruments();
        var local = Interlocked.Read(ref _localActivations);
        var silos = new List<SiloSummary>();
        await using (var command = _dataSource.CreateCommand(
            "SELECT silo_name, host, silo_port, status FROM cluster_membership WHERE cluster_id = $1 AND status <> 'Dead' ORDER BY silo_name"))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _clusterId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                silos.Add(new SiloSummary($"{reader.GetString(0)} ({reader.GetString(1)}:{reader.GetInt32(2)})", reader.GetString(3), -1));
            }
        }

        if (silos.Count == 0)
        {
            return local < 0 ? [] : [new SiloSummary(Environment.MachineName, "Active", local)];
        }

        // Only this process's activations are known here; other silos' counts stay unknown (-1).
        if (local >= 0 && silos.FindIndex(s => s.Name.StartsWith(Environment.MachineName, StringComparison.Ordinal)) is var mine and >= 0)
        {
            silos[mine] = silos[mine] with { Activations = local };
        }

        return silos;
    }

    public void Dispose() => _listener.Dispose();
}

public sealed record SiloSummary(string Name, string Status, long Activations);
