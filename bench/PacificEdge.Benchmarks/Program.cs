using System.Globalization;
using PacificEdge.Benchmarks;
using PacificEdge.Runtime.Testing;
using PacificEdge.Testing;

// Prints one table of measurements. Durations are short on purpose (the whole bench stays in
// minutes on 2 cores); pass --seconds N to measure longer.
var seconds = args.Length == 2 && args[0] == "--seconds" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var duration = TimeSpan.FromSeconds(seconds);
var rows = new List<string[]>();

await using (var cluster = new TestClusterBuilder().AddGrain<BenchGrain>().Build())
{
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

await using (var server = await PostgresServer.StartAsync(new PostgresServerOptions { Durable = true }))
{
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

var header = new[] { "measurement", "rate", "p50 ms", "p99 ms", "errors" };
var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
string Format(string[] r) => "| " + string.Join(" | ", r.Select((c, i) => c.PadRight(widths[i]))) + " |";
Console.WriteLine();
Console.WriteLine($"Pacific Edge runtime benchmark - {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {seconds}s per measurement");
Console.WriteLine(Format(header));
Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
rows.ForEach(r => Console.WriteLine(Format(r)));
return 0;

static string[] Row(LatencyRecorder.Result r, string unit)
    => [r.Name, $"{r.PerSecond:N0} {unit}", $"{r.P50Ms:F3}", $"{r.P99Ms:F3}", r.Errors.ToString(CultureInfo.InvariantCulture)];
