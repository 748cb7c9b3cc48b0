using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using PacificEdge.Testing;

namespace PacificEdge.Benchmarks;

/// <summary>
/// Failover of the real store process: two <c>PacificEdge.Silo.dll silo</c> processes and one <c>web</c> process (an
/// Orleans client through the silos' gateways) on 127.0.0.1, ADO.NET clustering on a private PostgreSQL, the
/// production membership options of src/Silo/appsettings.json. Grains (the diagnostic ping grain, state in PostgreSQL)
/// are activated, the silo hosting most of them is killed (kill -9) or hung (SIGSTOP), and each of its grains is
/// polled until it answers from another silo: through the surviving silo (an in-silo caller, as the co-hosted front
/// end is) and through the web process. After each run the victim is killed and replaced by a fresh silo.
/// </summary>
public static class FailoverBench
{
    private const int KeysPerRun = 24;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);

    public enum Fault
    {
        Kill,
        Stop,
    }

    /// <summary>One run: seconds from the fault until the last of the victim's grains answered elsewhere (NaN: not within the deadline).</summary>
    public sealed record Outcome(Fault Fault, int Grains, double ViaSiloSeconds, double ViaWebSeconds, long FailedCalls);

    public static async Task<List<Outcome>> RunAsync(PostgresServer server, int runsPerFault, Action<string> log)
    {
        await server.CreateDatabaseAsync("bench_failover");
        var connectionString = server.ConnectionStringFor("bench_failover");
        var clusterId = $"bench-failover-{Guid.NewGuid():N}";
        // SiloProcess sets a 1 s gateway refresh for tests; measure the production value instead.
        var settings = new Dictionary<string, string> { ["Orleans:GatewayListRefreshPeriod"] = "00:00:05" };
        var gatewayRefresh = TimeSpan.FromSeconds(5);
        var silos = new List<SiloProcess>();
        SiloProcess? web = null;
        var outcomes = new List<Outcome>();
        try
        {
            // One at a time: the first applies the migrations.
            silos.Add(await StartAsync("silo", connectionString, clusterId, settings));
            silos.Add(await StartAsync("silo", connectionString, clusterId, settings));
            web = await StartAsync("web", connectionString, clusterId, settings);
            for (var run = 0; run < runsPerFault * 2; run++)
            {
                var fault = run % 2 == 0 ? Fault.Kill : Fault.Stop;
                await WaitActiveSilosAsync(silos[0], 2);
                var outcome = await RunOnceAsync(silos, web, fault, $"r{run}", log);
                outcomes.Add(outcome);
                log($"failover {fault} run {run / 2 + 1}: {outcome.Grains} grains, via silo {outcome.ViaSiloSeconds:F1} s, via web {outcome.ViaWebSeconds:F1} s");
                if (run + 1 < runsPerFault * 2)
                {
                    silos.Add(await StartAsync("silo", connectionString, clusterId, settings));
                    await WaitActiveSilosAsync(silos[0], 2);
                    await Task.Delay(gatewayRefresh + TimeSpan.FromSeconds(1)); // the web process learns the new gateway
                }
            }

            return outcomes;
        }
        finally
        {
            foreach (var process in silos.Append(web).OfType<SiloProcess>())
            {
                await process.DisposeAsync(); // SIGKILL, also ends a stopped process
            }
        }
    }

    private static async Task<Outcome> RunOnceAsync(List<SiloProcess> silos, SiloProcess web, Fault fault, string prefix, Action<string> log)
    {
        // Activate grains through the web process and see where they live.
        var keys = Enumerable.Range(0, KeysPerRun).Select(i => $"failover-{prefix}-{i}").ToArray();
        var owners = new Dictionary<string, string>();
        foreach (var key in keys)
        {
            for (var attempt = 0; attempt < 20 && !owners.ContainsKey(key); attempt++)
            {
                if (await PingAsync(web.Http, key, CancellationToken.None, TimeSpan.FromSeconds(40)) is { } silo)
                {
                    owners[key] = silo;
                }
                else
                {
                    await Task.Delay(250);
                }
            }
        }

        var (victimAddress, victimKeys) = owners.GroupBy(o => o.Value).OrderByDescending(g => g.Count())
            .Select(g => (g.Key, g.Select(o => o.Key).ToArray())).First();
        var victim = silos.Single(s => s.SiloPort == PortOf(victimAddress));
        var survivor = silos.Single(s => s != victim);
        silos.Remove(victim);
        try
        {
            var pid = victim.ProcessId;
            if (fault == Fault.Kill)
            {
                victim.Kill();
            }
            else
            {
                if (Kill(pid, SigStop) != 0)
                {
                    throw new InvalidOperationException($"SIGSTOP of process {pid} failed (errno {Marshal.GetLastPInvokeError()}).");
                }
            }

            var faultAt = Stopwatch.GetTimestamp();
            using var done = new CancellationTokenSource(Deadline);
            var failed = 0L;
            var viaSilo = new ConcurrentDictionary<string, TimeSpan>();
            var viaWeb = new ConcurrentDictionary<string, TimeSpan>();
            var pollers = victimKeys.SelectMany(key => new[]
            {
                PollAsync(survivor.Http, key, victimAddress, faultAt, viaSilo, () => Interlocked.Increment(ref failed), done.Token),
                PollAsync(web.Http, key, victimAddress, faultAt, viaWeb, () => Interlocked.Increment(ref failed), done.Token),
            }).ToList();
            await Task.WhenAll(pollers);
            return new Outcome(fault, victimKeys.Length, AllMoved(viaSilo, victimKeys.Length), AllMoved(viaWeb, victimKeys.Length), Interlocked.Read(ref failed));
        }
        finally
        {
            await victim.DisposeAsync();
        }
    }

    // SIGSTOP straight through libc (SiloProcess.Suspend runs the kill binary, which minimal Debian images lack).
    private const int SigStop = 19; // Linux x86-64 and arm64

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static double AllMoved(ConcurrentDictionary<string, TimeSpan> moved, int count)
        => moved.Count < count ? double.NaN : moved.Values.Max().TotalSeconds;

    /// <summary>
    /// Calls one grain every 200 ms until a call answers from a silo other than the victim; records when that answer
    /// arrived, counted from the fault. A call into a hung silo waits (up to Orleans' 30 s response timeout), so the
    /// poller gives up on a call after 5 s and keeps starting new ones (at most 25 in flight): a new call that would
    /// succeed is never held back by old ones still stuck.
    /// </summary>
    private static async Task PollAsync(HttpClient http, string key, string victimAddress, long faultAt,
        ConcurrentDictionary<string, TimeSpan> moved, Action onFailure, CancellationToken deadline)
    {
        using var answered = CancellationTokenSource.CreateLinkedTokenSource(deadline);
        var inFlight = new List<Task>();
        try
        {
            while (!answered.IsCancellationRequested)
            {
                inFlight.RemoveAll(t => t.IsCompleted);
                if (inFlight.Count < 25)
                {
                    inFlight.Add(Task.Run(async () =>
                    {
                        var silo = await PingAsync(http, key, answered.Token, TimeSpan.FromSeconds(5));
                        if (silo is not null && silo != victimAddress)
                        {
                            moved.TryAdd(key, Stopwatch.GetElapsedTime(faultAt));
                            await answered.CancelAsync();
                        }
                        else if (!answered.IsCancellationRequested)
                        {
                            onFailure();
                        }
                    }));
                }

                await Task.Delay(PollEvery, answered.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await answered.CancelAsync();
        await Task.WhenAll(inFlight);
    }

    /// <summary>POST /cluster/ping/{key}: the address of the silo that ran the call, or null when it failed.</summary>
    private static async Task<string?> PingAsync(HttpClient http, string key, CancellationToken cancellationToken, TimeSpan giveUpAfter)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(giveUpAfter);
            using var response = await http.PostAsync($"/cluster/ping/{key}", null, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
            return json.RootElement.GetProperty("silo").GetString();
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The silo port in an Orleans silo address ("S127.0.0.1:11111:123456789").</summary>
    private static int PortOf(string siloAddress) => int.Parse(siloAddress.Split(':')[1], CultureInfo.InvariantCulture);

    /// <summary>
    /// Starts a process and waits until it is ready. SiloProcess picks its HTTP, silo and gateway ports one after the
    /// other from ports that were free a moment ago, so two of them can coincide ("address already in use"): then it
    /// tries again with new ports, at most 3 times.
    /// </summary>
    public static async Task<SiloProcess> StartAsync(string mode, string connectionString, string clusterId, IReadOnlyDictionary<string, string> settings,
        IReadOnlyList<string>? arguments = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var process = SiloProcess.Start(mode, connectionString, clusterId, settings: settings, arguments: arguments);
            try
            {
                await process.WaitReadyAsync(TimeSpan.FromSeconds(120));
                return process;
            }
            catch (Exception ex) when (attempt < 3 && ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await process.DisposeAsync();
            }
            catch
            {
                await process.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Waits (at most 60 s) until Orleans' management grain lists <paramref name="count"/> active silos.</summary>
    private static async Task WaitActiveSilosAsync(SiloProcess silo, int count)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var json = JsonDocument.Parse(await silo.Http.GetStringAsync("/cluster/silos"));
                if (json.RootElement.GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "Active") == count)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
            {
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"The cluster did not reach {count} active silos:{Environment.NewLine}{silo.Output}");
            }

            await Task.Delay(250);
        }
    }
}
