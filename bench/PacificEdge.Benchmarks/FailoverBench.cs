using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PacificEdge.Runtime;
using PacificEdge.Runtime.Hosting;
using PacificEdge.Runtime.Placement;

namespace PacificEdge.Benchmarks;

/// <summary>
/// Two silo processes and a grain client (this process) over PostgreSQL: cross-process call
/// throughput, then kill -9 of one silo and the time until every one of its grains answers again
/// (from the survivor), with the production failure-detection defaults.
/// </summary>
public static class FailoverBench
{
    public sealed record Result(LatencyRecorder.Result SiloToSilo, LatencyRecorder.Result SiloToSiloInline, LatencyRecorder.Result Calls, int VictimGrains, double FirstMovedSeconds, double AllMovedSeconds, long FailedCalls);

    public static async Task<Result> RunAsync(string connectionString, TimeSpan duration)
    {
        var clusterId = $"bench-{Guid.NewGuid():N}";
        var silos = new List<(Process Process, string Address)>();
        try
        {
            // Silo to silo: one process drives calls to grains the other process owns.
            var siloToSilo = await SiloToSiloAsync(connectionString, $"{clusterId}-s2s", duration, inlineCompletions: false);
            var siloToSiloInline = await SiloToSiloAsync(connectionString, $"{clusterId}-s2s-inline", duration, inlineCompletions: true);

            silos.Add(await StartSiloAsync(connectionString, clusterId)); // applies the migrations first
            silos.Add(await StartSiloAsync(connectionString, clusterId));
            using var client = await StartClientAsync(connectionString, clusterId);
            var grains = client.Services.GetRequiredService<IGrainFactory>();
            var placement = client.Services.GetRequiredService<IPlacementDirector>();
            await WaitForActiveSilosAsync(client.Services, 2);

            var keys = Enumerable.Range(0, 256).Select(i => $"proc-{i}").ToArray();
            var refs = keys.Select(k => grains.GetGrain<IBenchGrain>(k)).ToArray();
            var line = new OrderLine("PE-BPC157-5MG", 2, 39.95m);
            var calls = await LatencyRecorder.RunAsync("client -> 2 silo processes, record argument (64 callers)", 64, duration, w => refs[w % refs.Length].Accept(line));

            // Failover: 64 callers keep calling; kill -9 the silo that owns the first grain.
            var owners = keys.ToDictionary(k => k, k => placement.GetOwner(new GrainId("bench", k)));
            var victimAddress = owners[keys[0]];
            var victimKeys = keys.Where(k => owners[k] == victimAddress).ToHashSet();
            var victim = silos.Single(s => s.Address == victimAddress.ToString()).Process;
            var recovered = new System.Collections.Concurrent.ConcurrentDictionary<string, TimeSpan>();
            var failed = 0L;
            using var stop = new CancellationTokenSource();
            var killed = 0L; // Stopwatch timestamp of the kill, 0 before
            var workers = Enumerable.Range(0, 64).Select(w => Task.Run(async () =>
            {
                for (var i = w; !stop.IsCancellationRequested; i += 64)
                {
                    var key = keys[i % keys.Length];
                    // Only calls started after the victim is gone count: earlier ones may still have run there.
                    var at = Interlocked.Read(ref killed);
                    try
                    {
                        await refs[i % keys.Length].Accept(line);
                        if (at != 0 && victimKeys.Contains(key))
                        {
                            recovered.TryAdd(key, Stopwatch.GetElapsedTime(at));
                        }
                    }
                    catch (Exception)
                    {
                        Interlocked.Increment(ref failed); // cut off by the kill: outcome unknown
                    }
                }
            })).ToList();
            await Task.Delay(TimeSpan.FromSeconds(2));
            var killedAt = Stopwatch.GetTimestamp();
            victim.Kill(entireProcessTree: true);
            await victim.WaitForExitAsync();
            Interlocked.Exchange(ref killed, killedAt);
            var deadline = Stopwatch.StartNew();
            while (recovered.Count < victimKeys.Count && deadline.Elapsed < TimeSpan.FromSeconds(120))
            {
                await Task.Delay(50);
            }

            await stop.CancelAsync();
            await Task.WhenAll(workers);
            return new Result(
                siloToSilo,
                siloToSiloInline,
                calls,
                victimKeys.Count,
                recovered.IsEmpty ? double.NaN : recovered.Values.Min().TotalSeconds,
                recovered.Count < victimKeys.Count ? double.NaN : recovered.Values.Max().TotalSeconds,
                Interlocked.Read(ref failed));
        }
        finally
        {
            foreach (var (process, _) in silos)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                process.Dispose();
            }
        }
    }

    private static async Task<LatencyRecorder.Result> SiloToSiloAsync(string connectionString, string clusterId, TimeSpan duration, bool inlineCompletions)
    {
        var (target, _) = await StartSiloAsync(connectionString, clusterId, inlineCompletions);
        var (driver, _) = await StartSiloAsync(connectionString, clusterId, inlineCompletions, "--drive", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture), "64");
        try
        {
            using var timeout = new CancellationTokenSource(duration + TimeSpan.FromMinutes(2));
            while (await driver.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("RESULT ", StringComparison.Ordinal))
                {
                    var f = line.Split(' ');
                    double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
                    return new LatencyRecorder.Result(
                        $"silo process -> other silo process, record argument (64 callers{(inlineCompletions ? ", inline socket completions" : "")})",
                        (long)D(1), TimeSpan.FromSeconds(D(2)), D(3), D(4), (long)D(5));
                }
            }

            throw new InvalidOperationException("The driving silo process exited without a result.");
        }
        finally
        {
            foreach (var process in new[] { driver, target })
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                process.Dispose();
            }
        }
    }

    private static async Task<(Process Process, string Address)> StartSiloAsync(string connectionString, string clusterId, bool inlineCompletions = false, params string[] extra)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!, [typeof(FailoverBench).Assembly.Location, BenchSiloProcess.Flag, connectionString, clusterId, .. extra])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_gcServer"] = "0";
        if (inlineCompletions)
        {
            // Socket continuations on the event thread instead of the thread pool: fewer thread hops
            // per call, but a continuation that blocks stalls every socket of the process.
            start.Environment["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1";
        }
        var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("READY ", StringComparison.Ordinal))
            {
                if (extra.Length == 0)
                {
                    _ = process.StandardOutput.ReadToEndAsync(); // keep draining; a driver's output is read by its caller
                }

                return (process, line["READY ".Length..]);
            }
        }

        throw new InvalidOperationException("A bench silo process exited before it was ready.");
    }

    private static async Task<IHost> StartClientAsync(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Runtime:Cluster:ClusterId"] = clusterId });
        builder.Services.AddGrainClient(c => c.UsePostgres(o => o.ConnectionString = connectionString));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task WaitForActiveSilosAsync(IServiceProvider services, int count)
    {
        var membership = services.GetRequiredService<PacificEdge.Runtime.Clustering.IClusterMembership>();
        var deadline = Stopwatch.StartNew();
        while ((await membership.RefreshAsync()).ActiveSilos.Count < count)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("The bench silos did not become active.");
            }

            await Task.Delay(100);
        }
    }
}
