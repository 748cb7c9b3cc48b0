using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PacificEdge.Runtime;
using PacificEdge.Runtime.Clustering;
using PacificEdge.Runtime.Clustering.Transport;
using PacificEdge.Runtime.Messaging;
using PacificEdge.Runtime.Placement;
using PacificEdge.Runtime.Testing;

namespace PacificEdge.Benchmarks;

/// <summary>Cross-silo call throughput: two silos in this process, real HTTP between them on loopback.</summary>
public static class ClusterBench
{
    public static async Task<List<LatencyRecorder.Result>> CrossSiloCallsAsync(TimeSpan duration, SiloWireFormat format, int[] callerCounts)
    {
        var results = new List<LatencyRecorder.Result>();
        await using var cluster = new TestClusterBuilder()
            .AddGrain<BenchGrain>()
            .UseClustering()
            .WithSilos(2)
            .WithConfiguration("Runtime:Cluster:WireFormat", format.ToString())
            .Build();
        await cluster.DeployAsync();
        await cluster.WaitForMembershipAsync();
        var (caller, owner) = (cluster.Silos[0], cluster.Silos[1]);
        var placement = caller.Services.GetRequiredService<IPlacementDirector>();
        // Grains the other silo owns, called from this one: every call crosses the silo port.
        var grains = Enumerable.Range(0, 100_000).Select(i => $"remote-{i}")
            .Where(k => placement.GetOwner(new GrainId("bench", k)) == owner.Address)
            .Take(256)
            .Select(k => caller.GrainFactory.GetGrain<IBenchGrain>(k))
            .ToArray();
        var line = new OrderLine("PE-BPC157-5MG", 2, 39.95m);
        foreach (var callers in callerCounts)
        {
            results.Add(await LatencyRecorder.RunAsync(
                $"cross-silo call, record argument, {format} ({callers} callers)", callers, duration, w => grains[w % grains.Length].Accept(line)));
        }

        return results;
    }

    /// <summary>Encodes and decodes one request and its response, as one silo-to-silo call does; returns (ns per call, request bytes).</summary>
    public static (double Nanoseconds, int RequestBytes) FramingCost(SiloWireFormat format, int argumentBytes, int iterations = 200_000)
    {
        var arguments = """[{"sku":"PE-BPC157-5MG","quantity":2,"unitPrice":39.95}]"""u8.ToArray();
        if (argumentBytes > arguments.Length)
        {
            // A larger argument (a cart with many lines): a JSON string of the requested size.
            arguments = System.Text.Encoding.UTF8.GetBytes($"[\"{new string('x', argumentBytes - 4)}\"]");
        }

        var request = new GrainRequest
        {
            Target = new GrainId("bench", "remote-12345"),
            Interface = typeof(IBenchGrain).FullName!,
            Method = nameof(IBenchGrain.Accept),
            Arguments = arguments,
        };
        var response = GrainResponse.FromResult("79.90"u8.ToArray());
        var size = SiloMessageCodec.EncodeRequest(request, format).Length;
        for (var pass = 0; pass < 2; pass++) // the first pass warms up the JIT
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < iterations * 56 / Math.Max(56, argumentBytes); i++)
            {
                _ = SiloMessageCodec.DecodeRequest(SiloMessageCodec.EncodeRequest(request, format), format);
                _ = SiloMessageCodec.DecodeResponse(SiloMessageCodec.EncodeResponse(response, format), format);
            }

            if (pass == 1)
            {
                return (Stopwatch.GetElapsedTime(started).TotalMilliseconds * 1e6 / (iterations * 56 / Math.Max(56, argumentBytes)), size);
            }
        }

        throw new UnreachableException();
    }
}
