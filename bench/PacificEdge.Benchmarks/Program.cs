using System.Globalization;
using PacificEdge.Benchmarks;
using PacificEdge.Runtime.Clustering;
using PacificEdge.Runtime.Testing;
using PacificEdge.Testing;

// Prints one table of measurements. Durations are short on purpose (the whole bench stays in
// minutes on 2 cores); pass --seconds N to measure longer, --only SECTION to run one part.
if (args.Length >= 3 && args[0] == BenchSiloProcess.Flag)
{
    return args.Length == 6 && args[3] == "--drive"
        ? await BenchSiloProcess.RunAsync(args[1], args[2], TimeSpan.FromSeconds(int.Parse(args[4], CultureInfo.InvariantCulture)), int.Parse(args[5], CultureInfo.InvariantCulture))
        : await BenchSiloProcess.RunAsync(args[1], args[2]);
}

var seconds = 5;
var only = (string?)null;
for (var i = 0; i < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--seconds" when i + 1 < args.Length: seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--only" when i + 1 < args.Length: only = args[i + 1]; break;
        default: throw new ArgumentException($"Unknown argument {args[i]}. Usage: [--seconds N] [--only local|storage|cluster|failover]");
    }
}

var duration = TimeSpan.FromSeconds(seconds);
var rows = new List<string[]>();
bool Runs(string section) => only is null || only == section;

if (Runs("local"))
{
    await using var cluster = new TestClusterBuilder().AddGrain<BenchGrain>().Build();
    await cluster.DeployAsync();
    var grains = Enumerable.Range(0, 256).Select(i => cluster.Client.GetGrain<IBenchGrain>($"local-{i}")).ToArray();
    var line = new OrderLine("PE-BPC157-5MG", 2, 39.95m);
    foreach (var workers in new[] { 1, 256 })
    {
        var empty = await LatencyRecorder.RunAsync($"local call, empty method ({workers} callers)", workers, duration, w => grains[w % grains.Length].Ping());
        rows.Add(Row(empty, "calls/s"));
        var record = await LatencyRecorder.RunAsync($"local call, record argument ({workers} callers)", workers, duration, w => grains[w % grains.Length].Accept(line));
        rows.Add(Row(record, "calls/s"));
    }
}

if (Runs("storage"))
{
    await using var server = await PostgresServer.StartAsync(new PostgresServerOptions { Durable = true });
    const int clients = 16;
    await server.CreateDatabaseAsync("bench_grains");
    await server.CreateDatabaseAsync("bench_pgbench");
    await using var cluster = new TestClusterBuilder().AddGrain<BenchGrain>().UsePostgres(server.ConnectionStringFor("bench_grains")).Build();
    await cluster.DeployAsync();
    var grains = Enumerable.Range(0, clients).Select(i => cluster.Client.GetGrain<IBenchGrain>($"writer-{i}")).ToArray();
    var writes = await LatencyRecorder.RunAsync($"grain state write, PostgreSQL ({clients} grains)", clients, duration, w => grains[w].Write());
    await using var rawSource = PacificEdge.Runtime.Storage.PostgresDataSourceFactory.Create(server.ConnectionStringFor("bench_pgbench"));
    var raw = new RawJsonbWriter(rawSource);
    await raw.SetUpAsync(clients);
    var rawWrites = await LatencyRecorder.RunAsync($"raw Npgsql JSONB update, no runtime ({clients} clients)", clients, duration, raw.WriteAsync);
    var pgbenchTps = await PgBench.SingleRowUpdateTpsAsync(server, "bench_pgbench", clients, duration);
    rows.Add(Row(writes, "writes/s"));
    rows.Add(Row(rawWrites, "writes/s"));
    rows.Add([$"pgbench single-row UPDATE ({clients} clients)", $"{pgbenchTps:N0} tps", "", "", ""]);
    rows.Add(["state writes / pgbench", $"{writes.PerSecond / pgbenchTps:F2}", "", "", "target >= 0.80"]);
}

if (Runs("cluster"))
{
    foreach (var payload in new[] { 56, 4096 })
    {
        foreach (var format in new[] { SiloWireFormat.Binary, SiloWireFormat.Json })
        {
            var (ns, bytes) = ClusterBench.FramingCost(format, payload);
            rows.Add([$"silo message framing, {format}, {payload} B arguments (encode + decode call and result)", $"{1e9 / ns:N0} /s", $"{ns / 1e6:F4}", "", $"{bytes} B on the wire"]);
        }
    }

    // Two in-process silos with real HTTP/2 between them on loopback; both formats, alternating, to average out noise.
    foreach (var format in new[] { SiloWireFormat.Binary, SiloWireFormat.Json, SiloWireFormat.Binary, SiloWireFormat.Json })
    {
        foreach (var result in await ClusterBench.CrossSiloCallsAsync(duration, format, [64]))
        {
            rows.Add(Row(result, "calls/s"));
        }
    }

    foreach (var result in await ClusterBench.CrossSiloCallsAsync(duration, SiloWireFormat.Binary, [1, 256]))
    {
        rows.Add(Row(result, "calls/s"));
    }
}

if (Runs("failover"))
{
    await using var server = await PostgresServer.StartAsync(new PostgresServerOptions { Durable = true });
    await server.CreateDatabaseAsync("bench_cluster");
    var failover = await FailoverBench.RunAsync(server.ConnectionStringFor("bench_cluster"), duration);
    rows.Add(Row(failover.SiloToSilo, "calls/s"));
    rows.Add(Row(failover.SiloToSiloInline, "calls/s"));
    rows.Add(Row(failover.Calls, "calls/s"));
    rows.Add([
        $"kill -9 of a silo process -> all {failover.VictimGrains} of its grains answer again (defaults: heartbeat 3 s, death timeout 12 s)",
        $"{failover.AllMovedSeconds:F1} s", $"first {failover.FirstMovedSeconds:F1} s", "", $"{failover.FailedCalls} cut off", "target < 20 s"]);
}

var header = new[] { "measurement", "rate", "p50 ms", "p99 ms", "errors" };
rows = rows.Select(r => r.Length > header.Length ? [r[0], r[1], r[2], r[3], $"{r[4]}; {r[5]}"] : r).ToList();
MarkdownTable.Print($"Pacific Edge runtime benchmark - {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {seconds}s per measurement", header, rows);
return 0;

static string[] Row(LatencyRecorder.Result r, string unit)
    => [r.Name, $"{r.PerSecond:N0} {unit}", $"{r.P50Ms:F3}", $"{r.P99Ms:F3}", r.Errors.ToString(CultureInfo.InvariantCulture)];
