using System.Net.Http.Json;
using System.Text.Json;
using PacificEdge.Testing;
using Xunit.Abstractions;

namespace PacificEdge.Silo.Tests.Cluster;

/// <summary>
/// Silo processes and one web process (an Orleans client through the silos' gateways) on one database and cluster id,
/// started as an operator runs them. Disposing kills every process it started; <see cref="DumpOutput"/> writes their
/// logs to the test output when a test fails.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private readonly List<SiloProcess> _all = [];
    private readonly Dictionary<string, string> _siloSettings;

    private ProcessCluster(string connectionString, string clusterId, int webHttpPort, IReadOnlyDictionary<string, string>? siloSettings)
    {
        ConnectionString = connectionString;
        ClusterId = clusterId;
        WebHttpPort = webHttpPort;
        // Silos host the payment sandbox: its signed webhooks go to the web process, as in production.
        _siloSettings = new Dictionary<string, string>
        {
            ["Commerce:Payments:Sandbox:WebhookUrl"] = $"http://127.0.0.1:{webHttpPort}/webhooks/payments",
        };
        foreach (var (key, value) in siloSettings ?? new Dictionary<string, string>())
        {
            _siloSettings[key] = value;
        }
    }

    /// <summary>The web process's HTTP port, chosen before any process starts.</summary>
    public int WebHttpPort { get; }

    public string ConnectionString { get; }

    public string ClusterId { get; }

    public List<SiloProcess> Silos { get; } = [];

    public SiloProcess Web { get; private set; } = null!;

    /// <summary>Starts <paramref name="silos"/> silo processes and a web process at once, and waits until the web process sees them all Active.</summary>
    public static async Task<ProcessCluster> StartAsync(string connectionString, int silos, ITestOutputHelper output,
        IReadOnlyDictionary<string, string>? siloSettings = null, IReadOnlyDictionary<string, string>? webSettings = null)
    {
        var cluster = new ProcessCluster(connectionString, $"c{Guid.NewGuid():N}"[..20], FreeTcpPort.Pick(), siloSettings);
        try
        {
            // Migrations are serialised by an advisory lock, so every process may start at once.
            for (var i = 0; i < silos; i++)
            {
                cluster.StartSilo();
            }

            cluster.Web = cluster.Track(SiloProcess.Start("web", connectionString, cluster.ClusterId, settings: webSettings, httpPort: cluster.WebHttpPort));
            await Task.WhenAll(cluster._all.Select(p => p.WaitReadyAsync(TimeSpan.FromSeconds(120))));
            await cluster.WaitForSilosAsync(view => view.Count(s => s.Status == "Active") == silos, $"{silos} active silos");
            return cluster;
        }
        catch
        {
            cluster.DumpOutput(output);
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts one more silo process with the cluster's silo settings (and <paramref name="overrides"/>), e.g. to replace
    /// a killed one; it joins the cluster on its own. Does not wait for it.
    /// </summary>
    public SiloProcess StartSilo(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var settings = new Dictionary<string, string>(_siloSettings);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var silo = Track(SiloProcess.Start("silo", ConnectionString, ClusterId, settings: settings));
        Silos.Add(silo);
        return silo;
    }

    /// <summary>The cluster as the web process's management grain sees it.</summary>
    public async Task<IReadOnlyList<SiloRow>> SilosViewAsync()
    {
        var view = await Web.Http.GetFromJsonAsync<JsonElement>("/cluster/silos");
        return [.. view.GetProperty("silos").EnumerateArray().Select(s => new SiloRow(
            s.GetProperty("port").GetInt32(), s.GetProperty("generation").GetInt64(), s.GetProperty("status").GetString()!))];
    }

    /// <summary>Polls the management view until <paramref name="done"/> holds (failed reads count as not yet).</summary>
    public async Task<IReadOnlyList<SiloRow>> WaitForSilosAsync(Func<IReadOnlyList<SiloRow>, bool> done, string what, TimeSpan? timeout = null)
    {
        IReadOnlyList<SiloRow> last = [];
        await Wait.UntilAsync(async () =>
        {
            try
            {
                last = await SilosViewAsync();
                return done(last);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
            {
                return false;
            }
        }, what, timeout, () => string.Join("; ", last));
        return last;
    }

    /// <summary>True when <paramref name="silo"/> (as a ping reports it, <c>S127.0.0.1:port:generation</c>) is that process.</summary>
    public static bool IsOn(string silo, SiloProcess process) => silo.Contains($"127.0.0.1:{process.SiloPort}:", StringComparison.Ordinal);

    /// <summary>The silo process hosting the most of <paramref name="load"/>'s grains (by their last answers).</summary>
    public SiloProcess BusiestSilo(PingLoad load)
        => Silos.Where(s => !s.HasExited)
            .OrderByDescending(s => load.Keys.Count(k => load.LastOk(k) is { } last && IsOn(last.Silo!, s)))
            .First();

    public void DumpOutput(ITestOutputHelper output)
    {
        foreach (var process in _all)
        {
            try
            {
                output.WriteLine($"--- {process.Mode} pid {process.ProcessId} (http {process.HttpPort}, silo port {process.SiloPort}, exited: {process.HasExited}) ---{Environment.NewLine}{process.Output}");
            }
            catch (InvalidOperationException)
            {
                // Output helper already closed.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _all)
        {
            try
            {
                process.Resume();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            await process.DisposeAsync();
        }
    }

    private SiloProcess Track(SiloProcess process)
    {
        _all.Add(process);
        return process;
    }
}

/// <summary>One row of the management grain's view.</summary>
public sealed record SiloRow(int Port, long Generation, string Status)
{
    public override string ToString() => $"{Port}@{Generation} {Status}";
}

/// <summary>Bounded polling for a condition (never a fixed sleep).</summary>
public static class Wait
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<string>? describe = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        while (!await condition())
        {
            try
            {
                await Task.Delay(200, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out waiting for {what}. {describe?.Invoke()}");
            }
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? describe = null)
        => UntilAsync(() => Task.FromResult(condition()), what, timeout, describe);
}
