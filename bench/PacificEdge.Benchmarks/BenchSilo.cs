using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using PacificEdge.Persistence;
using PacificEdge.Testing;

namespace PacificEdge.Benchmarks;

/// <summary>
/// A lone Orleans silo hosting <see cref="BenchGrain"/> on loopback (localhost clustering, free ports): in this
/// process for the in-silo and storage sections, or as a child process (<c>--silo-process SILOPORT GATEWAYPORT</c>)
/// that the client section calls across processes.
/// </summary>
public static class BenchSilo
{
    public const string ProcessFlag = "--silo-process";

    /// <summary>Starts a silo; with a connection string the bench grain's state goes to our PostgreSQL grain storage.</summary>
    public static async Task<IHost> StartAsync(int siloPort, int gatewayPort, string? postgresConnectionString = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace) // standard output carries the results
            .AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error); // at start it reports the time since boot as a stall
        if (postgresConnectionString is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Postgres:ConnectionString"] = postgresConnectionString });
        }

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: "bench", clusterId: "bench");
            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromMinutes(30));
            if (postgresConnectionString is null)
            {
                silo.AddMemoryGrainStorage(BenchGrain.StorageName);
            }
            else
            {
                // Ours (src/Persistence): JSONB row per grain, version ETag, applies its migrations at start.
                silo.AddPostgresGrainStorage(BenchGrain.StorageName);
            }
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>The child process: prints "READY" once the silo is up, runs until its standard input closes.</summary>
    public static async Task<int> RunProcessAsync(int siloPort, int gatewayPort)
    {
        using var host = await StartAsync(siloPort, gatewayPort);
        Console.WriteLine("READY");
        await Task.Run(() => Console.In.ReadToEnd());
        await host.StopAsync(TimeSpan.FromSeconds(5));
        return 0;
    }

    /// <summary>Silo and gateway ports that were free a moment ago and differ (two picks can return the same port).</summary>
    public static (int SiloPort, int GatewayPort) TwoFreePorts()
    {
        var first = FreeTcpPort.Pick();
        for (var i = 0; i < 100; i++)
        {
            if (FreeTcpPort.Pick() is var second && second != first)
            {
                return (first, second);
            }
        }

        throw new InvalidOperationException("No second free port.");
    }

    /// <summary>Starts <see cref="RunProcessAsync"/> in a child process and waits for it to be ready.</summary>
    public static async Task<(System.Diagnostics.Process Process, int GatewayPort)> StartProcessAsync()
    {
        var (siloPort, gatewayPort) = TwoFreePorts();
        var start = new System.Diagnostics.ProcessStartInfo("dotnet",
            [typeof(BenchSilo).Assembly.Location, ProcessFlag, siloPort.ToString(CultureInfo.InvariantCulture), gatewayPort.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = System.Diagnostics.Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line == "READY")
                {
                    _ = process.StandardOutput.ReadToEndAsync(); // keep draining
                    return (process, gatewayPort);
                }
            }

            throw new InvalidOperationException("The bench silo process exited before it was ready.");
        }
        catch
        {
            StopProcess(process);
            throw;
        }
    }

    /// <summary>Closes the child's standard input (it stops its silo) and kills it if it is still there after 10 s.</summary>
    public static void StopProcess(System.Diagnostics.Process process)
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>An Orleans client in this process connected to the gateway of a bench silo on loopback.</summary>
    public static async Task<IHost> StartClientAsync(int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort, serviceId: "bench", clusterId: "bench"));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
