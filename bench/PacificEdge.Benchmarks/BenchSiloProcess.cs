using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PacificEdge.Runtime.Hosting;
using PacificEdge.Runtime.Placement;

namespace PacificEdge.Benchmarks;

/// <summary>
/// This benchmark program re-run as a silo process (<c>--silo-process</c>): a clustered silo hosting
/// <see cref="BenchGrain"/> over PostgreSQL with the production failure-detection defaults. Prints
/// "READY {siloId}" once Active and runs until killed or its standard input closes. As a driver
/// (<c>--drive SECONDS CALLERS</c>) it waits for a second silo, calls grains that silo owns for the
/// given time, prints "RESULT calls seconds p50 p99 errors" and exits.
/// </summary>
public static class BenchSiloProcess
{
    public const string Flag = "--silo-process";

    public static async Task<int> RunAsync(string connectionString, string clusterId, TimeSpan? drive = null, int callers = 64)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Runtime:Cluster:SiloPort"] = "0",
            ["Runtime:Cluster:AdvertisedHost"] = "127.0.0.1",
            ["Runtime:Cluster:ListenAddress"] = "127.0.0.1",
            ["Runtime:Cluster:ClusterId"] = clusterId,
        });
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddGrainSilo(silo => silo.UsePostgres(o => o.ConnectionString = connectionString).UseClustering().AddGrain<BenchGrain>());
        using var host = builder.Build();
        await host.StartAsync();
        Console.WriteLine($"READY {host.Services.GetRequiredService<ILocalSiloDetails>().Address}");
        if (drive is { } duration)
        {
            var result = await DriveAsync(host.Services, duration, callers);
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"RESULT {result.Operations} {result.Elapsed.TotalSeconds} {result.P50Ms} {result.P99Ms} {result.Errors}"));
        }
        else
        {
            await Task.Run(() => Console.In.ReadToEnd());
        }

        await host.StopAsync();
        return 0;
    }

    private static async Task<LatencyRecorder.Result> DriveAsync(IServiceProvider services, TimeSpan duration, int callers)
    {
        var membership = services.GetRequiredService<PacificEdge.Runtime.Clustering.IClusterMembership>();
        var self = services.GetRequiredService<ILocalSiloDetails>().Address;
        while ((await membership.RefreshAsync()).ActiveSilos.Count < 2)
        {
            await Task.Delay(100);
        }

        var placement = services.GetRequiredService<IPlacementDirector>();
        var factory = services.GetRequiredService<PacificEdge.Runtime.IGrainFactory>();
        var grains = Enumerable.Range(0, 100_000).Select(i => $"driven-{i}")
            .Where(k => placement.GetOwner(new PacificEdge.Runtime.GrainId("bench", k)) != self)
            .Take(256)
            .Select(k => factory.GetGrain<IBenchGrain>(k))
            .ToArray();
        var line = new OrderLine("PE-BPC157-5MG", 2, 39.95m);
        return await LatencyRecorder.RunAsync("driven", callers, duration, w => grains[w % grains.Length].Accept(line));
    }
}
