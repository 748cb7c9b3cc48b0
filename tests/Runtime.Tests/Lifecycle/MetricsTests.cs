using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PacificEdge.Runtime.Diagnostics;
using PacificEdge.Runtime.Tests.Support;
using PacificEdge.Runtime.Tests.TestGrains;

namespace PacificEdge.Runtime.Tests.Lifecycle;

public sealed class MetricsTests
{
    [Fact]
    public async Task Calls_activations_and_errors_are_counted_by_grain_type()
    {
        var measurements = new ConcurrentBag<(string Instrument, double Value, string? GrainType)>();
        object? scope = null; // only this cluster's meter: other tests run silos in parallel

        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == RuntimeMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) =>
        {
            if (i.Meter.Scope is { } s && s == Volatile.Read(ref scope))
            {
                measurements.Add((i.Name, v, GrainType(tags)));
            }
        });
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) =>
        {
            if (i.Meter.Scope is { } s && s == Volatile.Read(ref scope))
            {
                measurements.Add((i.Name, v, GrainType(tags)));
            }
        });
        listener.Start();

        await using var cluster = await TestClusters.StartAsync();
        Volatile.Write(ref scope, cluster.Primary.Services.GetService(typeof(IMeterFactory)));
        var grain = cluster.Client.GetGrain<IEchoGrain>("metered");
        await grain.Echo("a");
        await grain.Echo("b");
        await Assert.ThrowsAsync<TestDomainException>(() => grain.Throw("x"));

        Assert.Equal(3, measurements.Count(m => m.Instrument == "pacificedge.grain.calls" && m.GrainType == "test-echo"));
        Assert.Equal(3, measurements.Count(m => m.Instrument == "pacificedge.grain.call.duration" && m.GrainType == "test-echo"));
        Assert.Single(measurements, m => m.Instrument == "pacificedge.grain.call.errors" && m.GrainType == "test-echo");
        Assert.Single(measurements, m => m.Instrument == "pacificedge.grain.activations.created" && m.GrainType == "test-echo");
    }

    private static string? GrainType(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "grain.type")
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
