using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PacificEdge.Benchmarks;
using PacificEdge.Testing;

// The Orleans runtime benchmark: in-silo grain calls, client-to-silo calls across processes, grain state writes
// against pgbench, and failover of the real silo process (kill -9 and SIGSTOP). Prints one table, or with
// --rows-out FILE writes its rows for scripts/bench.sh, which prints them together with the end-to-end rows
// (--print-table FILE...). Durations are short on purpose (2 cores); --seconds N measures longer.
if (args.Length == 3 && args[0] == BenchSilo.ProcessFlag)
{
    return await BenchSilo.RunProcessAsync(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture));
}

var seconds = 5;
var runs = 3;
var only = (string?)null;
var rowsOut = (string?)null;
var printFiles = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--seconds" when i + 1 < args.Length: seconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--failover-runs" when i + 1 < args.Length: runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--only" when i + 1 < args.Length: only = args[++i]; break;
        case "--rows-out" when i + 1 < args.Length: rowsOut = args[++i]; break;
        case "--print-table":
            while (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                printFiles.Add(args[++i]);
            }

            break;
        default:
            throw new ArgumentException(
                $"Unknown argument {args[i]}. Usage: [--seconds N] [--only insilo|client|storage|failover] [--failover-runs N] [--rows-out FILE] | --print-table FILE...");
    }
}

if (printFiles.Count > 0)
{
    BenchTable.Print(printFiles.Where(File.Exists).SelectMany(BenchTable.Read).ToList());
    return 0;
}

var duration = TimeSpan.FromSeconds(seconds);
var rows = new List<string[]>();
var failed = false;

// A section that fails adds a row saying so; the others still run and the table is still printed.
async Task SectionAsync(string section, Func<Task> measure)
{
    if (only is not null && only != section)
    {
        return;
    }

    try
    {
        await measure();
    }
    catch (Exception ex)
    {
        failed = true;
        Log($"{section} failed: {ex}");
        rows.Add([$"{section}: FAILED", "", "", "", "", $"{ex.GetType().Name}: {ex.Message.Split('\n')[0].Trim()}"]);
    }
}
void Log(string message) => Console.Error.WriteLine($"# {DateTime.Now:HH:mm:ss} {message}");
var line = new OrderLine("PE-BPC157-5MG", 2, 39.95m);

await SectionAsync("insilo", async () =>
{
    // Callers inside the silo process: the silo host's IGrainFactory (as the co-hosted front end calls grains).
    Log("in-silo grain calls");
    var (siloPort, gatewayPort) = BenchSilo.TwoFreePorts();
    using var host = await BenchSilo.StartAsync(siloPort, gatewayPort);
    var factory = host.Services.GetRequiredService<IGrainFactory>();
    var grains = Enumerable.Range(0, 256).Select(i => factory.GetGrain<IBenchGrain>($"insilo-{i}")).ToArray();
    foreach (var callers in new[] { 1, 64, 256 })
    {
        rows.Add(BenchTable.Row(await LatencyRecorder.RunAsync(
            $"in-silo grain call from the silo host, record argument ({callers} callers)", callers, duration, w => grains[w % grains.Length].Accept(line), fair: true), "calls/s"));
    }

    rows.Add(BenchTable.Row(await LatencyRecorder.RunAsync("in-silo grain call from the silo host, empty method (256 callers)", 256, duration, w => grains[w].Ping(), fair: true), "calls/s"));

    // Grain to grain: caller grains, each calling its own bench grain back to back (Orleans schedules them fairly).
    foreach (var callers in new[] { 64, 256 })
    {
        // Rounds of a fixed number of calls per caller grain until the time is up.
        const int callsPerRound = 200;
        var drivers = Enumerable.Range(0, callers).Select(i => factory.GetGrain<ICallerGrain>($"caller-{i}")).ToArray();
        await Task.WhenAll(drivers.Select((d, i) => d.Drive($"g2g-{i}", line, 10))); // warm-up: activations
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var calls = 0L;
        while (System.Diagnostics.Stopwatch.GetElapsedTime(started) < duration)
        {
            await Task.WhenAll(drivers.Select((d, i) => d.Drive($"g2g-{i}", line, callsPerRound)));
            calls += (long)callers * callsPerRound;
        }

        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        rows.Add([$"in-silo grain -> grain call, record argument ({callers} caller grains)", $"{calls / elapsed.TotalSeconds:N0} calls/s", "", "", "",
            "mean " + (callers * elapsed.TotalMilliseconds / calls).ToString("F3", CultureInfo.InvariantCulture) + " ms per call"]);
    }

    await host.StopAsync(TimeSpan.FromSeconds(10));
});

await SectionAsync("client", async () =>
{
    // A silo in a child process, this process an Orleans client through its gateway (TCP on loopback).
    Log("client to silo across processes");
    var (silo, gatewayPort) = await BenchSilo.StartProcessAsync();
    try
    {
        using var client = await BenchSilo.StartClientAsync(gatewayPort);
        var factory = client.Services.GetRequiredService<IClusterClient>();
        var grains = Enumerable.Range(0, 256).Select(i => factory.GetGrain<IBenchGrain>($"client-{i}")).ToArray();
        foreach (var callers in new[] { 1, 64, 256 })
        {
            rows.Add(BenchTable.Row(await LatencyRecorder.RunAsync(
                $"client -> silo process, record argument ({callers} callers)", callers, duration, w => grains[w % grains.Length].Accept(line)), "calls/s"));
        }

        await client.StopAsync(TimeSpan.FromSeconds(10));
    }
    finally
    {
        BenchSilo.StopProcess(silo);
    }
});

await SectionAsync("storage", async () =>
{
    Log("grain state writes vs pgbench");
    await using var server = await PostgresServer.StartAsync(new PostgresServerOptions { Durable = true });
    const int clients = 16;
    await server.CreateDatabaseAsync("bench_grains");
    await server.CreateDatabaseAsync("bench_pgbench");
    var (siloPort, gatewayPort) = BenchSilo.TwoFreePorts();
    using var host = await BenchSilo.StartAsync(siloPort, gatewayPort, server.ConnectionStringFor("bench_grains"));
    var factory = host.Services.GetRequiredService<IGrainFactory>();
    var grains = Enumerable.Range(0, clients).Select(i => factory.GetGrain<IBenchGrain>($"writer-{i}")).ToArray();
    var writes = await LatencyRecorder.RunAsync($"grain state write, our PostgreSQL storage ({clients} grains)", clients, duration, w => grains[w].Write());
    await host.StopAsync(TimeSpan.FromSeconds(10));
    await using var rawSource = PacificEdge.Persistence.PostgresDataSourceFactory.Create(server.ConnectionStringFor("bench_pgbench"));
    var raw = new RawJsonbWriter(rawSource);
    await raw.SetUpAsync(clients);
    var rawWrites = await LatencyRecorder.RunAsync($"raw Npgsql JSONB update, no Orleans ({clients} clients)", clients, duration, raw.WriteAsync);
    var pgbenchTps = await PgBench.SingleRowUpdateTpsAsync(server, "bench_pgbench", clients, duration);
    rows.Add(BenchTable.Row(writes, "writes/s"));
    rows.Add(BenchTable.Row(rawWrites, "writes/s"));
    rows.Add([$"pgbench single-row UPDATE ({clients} clients, durable)", $"{pgbenchTps:N0} tps", "", "", "", ""]);
    rows.Add(["grain state writes / pgbench", $"{writes.PerSecond / pgbenchTps:F2}", "", "", "", "target >= 0.80"]);
});

await SectionAsync("failover", async () =>
{
    Log($"failover: 2 silo processes + 1 web process, ADO.NET clustering, {runs} runs per fault");
    await using var server = await PostgresServer.StartAsync(new PostgresServerOptions { Durable = true });
    var outcomes = await FailoverBench.RunAsync(server, runs, Log);
    foreach (var fault in new[] { FailoverBench.Fault.Kill, FailoverBench.Fault.Stop })
    {
        var mine = outcomes.Where(o => o.Fault == fault).ToList();
        var what = fault == FailoverBench.Fault.Kill ? "kill -9 of the silo" : "SIGSTOP (hung) of the silo";
        var grains = string.Join("/", mine.Select(o => o.Grains));
        var notes = $"{mine.Count} runs, {grains} grains, {mine.Sum(o => o.FailedCalls)} failed polls; target {(fault == FailoverBench.Fault.Kill ? "a few s" : "< 20 s")}";
        rows.Add([$"{what} -> all its grains answer on the other silo, via surviving silo", MinMedianMax(mine.Select(o => o.ViaSiloSeconds)), "", "", "", notes]);
        rows.Add([$"{what} -> all its grains answer on the other silo, via web process (gateway client)", MinMedianMax(mine.Select(o => o.ViaWebSeconds)), "", "", "", ""]);
    }
});

if (rowsOut is not null)
{
    BenchTable.Write(rowsOut, rows);
}
else
{
    BenchTable.Print(rows);
}

return failed ? 1 : 0;

static string MinMedianMax(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray(); // NaN (no answer within the deadline) sorts first
    if (sorted.Length == 0)
    {
        return "";
    }

    string S(double v) => double.IsNaN(v) ? "> 90" : v.ToString("F1", CultureInfo.InvariantCulture);
    return $"{S(sorted[0])} / {S(sorted[sorted.Length / 2])} / {S(sorted[^1])} s";
}
