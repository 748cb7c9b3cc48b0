using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PacificEdge.Benchmarks.EndToEnd;
using PacificEdge.Testing;

// End-to-end: the real co-hosted process over HTTP with a durable private PostgreSQL. Rate limits are
// raised for the run (they would otherwise throttle one client address), everything else is production:
// one co-hosted silo (Orleans:Clustered false, as on one machine), the production reminder period.
var seconds = 10;
var rowsOut = (string?)null;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--seconds": seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--rows-out": rowsOut = args[i + 1]; break;
        default: throw new ArgumentException($"Unknown argument {args[i]}. Usage: [--seconds N] [--rows-out FILE]");
    }
}

var duration = TimeSpan.FromSeconds(seconds);
var repoRoot = FindRepoRoot();
const string secret = "whsec_benchmark_only_not_a_secret";

await using var server = await PostgresServer.StartAsync(new PostgresServerOptions { Durable = true });
await server.CreateDatabaseAsync("bench_store");
var settings = new Dictionary<string, string>
{
    ["Commerce:Payments:Sandbox:WebhookSecret"] = secret,
    ["Commerce:Demo:UnitsPerProduct"] = "10000000",
    ["Frontend:RateLimits:CheckoutsPerMinute"] = "100000000",
    ["Frontend:RateLimits:WebhooksPerMinute"] = "100000000",
    // Every benchmark shopper is a guest from 127.0.0.1 with one email, many orders in flight at once.
    ["Commerce:GuestCheckout:MaxOpenOrdersPerEmail"] = "100000000",
    ["Commerce:GuestCheckout:MaxOpenOrdersPerClientAddress"] = "100000000",
    ["Frontend:OrderTokenKey"] = "benchmark-order-token-key",
    ["Frontend:KeyRingSecret"] = "benchmark-key-ring-secret-not-for-production",
    ["Webhooks:ShippingToken"] = "benchmark",
    ["Orleans:Clustered"] = "false",
    ["Commerce:ReminderPeriod"] = "00:01:00",
    ["DOTNET_gcServer"] = "1",
};
// SiloProcess picks its ports one after the other from ports free a moment ago; two can coincide: try again.
await using var silo = await StartStoreAsync(server.ConnectionStringFor("bench_store"), settings);
var baseAddress = new Uri($"http://127.0.0.1:{silo.HttpPort}");
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
var skus = await Eventually.WaitAsync(
    async () => JsonDocument.Parse(await http.GetStringAsync("/api/catalog")).RootElement.EnumerateArray().Select(p => p.GetProperty("sku").GetString()!).ToArray(),
    s => s.Length > 0, "the demo catalog");
var rows = new List<string[]>();
var meter = new ResourceMeter(server, "bench_store", silo.ProcessId);

// Warm-up (not measured): JIT, connection pools, the catalog and stock grains' activations.
Log("end-to-end: warm-up");
await RunClosedLoopAsync(new StoreClient(http, secret, new StepTimer()), skus, workers: 32, TimeSpan.FromSeconds(Math.Min(5, seconds)));

// 1. Throughput: closed loop, 32 shoppers each placing and paying orders back to back.
Log("end-to-end: closed loop, 32 shoppers");
var throughput = new StepTimer();
var before = await meter.TakeAsync();
var (orders, errors, elapsed) = await RunClosedLoopAsync(new StoreClient(http, secret, throughput), skus, workers: 32, duration);
var cost = ResourceMeter.PerOrder(before, await meter.TakeAsync(), orders);
rows.Add([$"end-to-end orders/s, closed loop (32 shoppers, {seconds} s)", $"{orders / elapsed.TotalSeconds:N0} orders/s", "", "", "", Errors(errors)]);
rows.AddRange(throughput.Summary("cart (create + add line)", "checkout", "payment webhook (stored, 2xx)", "webhook to order Paid (polled)")
    .Select(s => new[] { $"  {s.Step}", $"{s.Count:N0} calls", Ms(s.P50), Ms(s.P95), Ms(s.P99), "" }));
rows.AddRange(CostRows("closed loop", cost, "; includes polling the order until Paid"));

// 2. Checkout latency at a steady 100 orders/s (open loop).
Log("end-to-end: open loop, 100 orders/s");
var steady = new StepTimer();
before = await meter.TakeAsync();
var (steadyOrders, steadyErrors) = await RunOpenLoopAsync(new StoreClient(http, secret, steady), skus, perSecond: 100, duration);
var steadyCost = ResourceMeter.PerOrder(before, await meter.TakeAsync(), steadyOrders);
rows.Add([$"end-to-end orders at 100/s, open loop ({seconds} s; cart, checkout, webhook)", $"{steadyOrders:N0} orders", "", "", "", Errors(steadyErrors)]);
rows.AddRange(steady.Summary("checkout").Select(s => new[] { "  checkout at 100 orders/s", $"{s.Count:N0} calls", Ms(s.P50), Ms(s.P95), Ms(s.P99), "" }));
rows.AddRange(CostRows("at 100 orders/s", steadyCost, "; no polling"));

// 3. Webhook to browser: the JavaScript SignalR client following each order.
Log("end-to-end: webhook to SignalR push");
var push = await PushLatency.MeasureAsync(repoRoot, baseAddress, new StoreClient(http, secret, new StepTimer()), skus, samples: 200);
rows.Add(["webhook POST to SignalR push received (JS client)", $"{push.Length} samples", Ms(At(push, 0.5)), Ms(At(push, 0.95)), Ms(At(push, 0.99)), ""]);

if (rowsOut is not null)
{
    PacificEdge.Benchmarks.BenchTable.Write(rowsOut, rows);
}
else
{
    PacificEdge.Benchmarks.BenchTable.Print(rows);
}

return 0;

static async Task<SiloProcess> StartStoreAsync(string connectionString, Dictionary<string, string> settings)
{
    for (var attempt = 1; ; attempt++)
    {
        var process = SiloProcess.Start("cohosted", connectionString, "bench", settings: settings, arguments: ["--seed-demo"]);
        try
        {
            await process.WaitReadyAsync();
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

static string Ms(double ms) => ms.ToString("F1", CultureInfo.InvariantCulture);

static string Errors(long errors) => errors == 0 ? "" : $"{errors} errors";

static void Log(string message) => Console.Error.WriteLine($"# {DateTime.Now:HH:mm:ss} {message}");

static IEnumerable<string[]> CostRows(string phase, ResourceMeter.Cost cost, string note) =>
[
    [$"  PostgreSQL transactions committed per order ({phase})", cost.CommitsPerOrder.ToString("F1", CultureInfo.InvariantCulture), "", "", "", $"pg_stat_database xact_commit, read-only included{note}"],
    [$"  CPU ms per order ({phase}): app process / PostgreSQL", $"{cost.AppCpuMsPerOrder.ToString("F2", CultureInfo.InvariantCulture)} / {cost.DatabaseCpuMsPerOrder.ToString("F2", CultureInfo.InvariantCulture)} ms", "", "", "", $"/proc user+system; load generator not counted{note}"],
];

static async Task<(long Orders, long Errors, TimeSpan Elapsed)> RunClosedLoopAsync(StoreClient store, string[] skus, int workers, TimeSpan duration)
{
    long orders = 0, errors = 0;
    var started = Stopwatch.GetTimestamp();
    await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
    {
        while (Stopwatch.GetElapsedTime(started) < duration)
        {
            try
            {
                var (orderId, token, total) = await store.CheckoutAsync(skus[(w + (int)orders) % skus.Length]);
                await store.PayAsync(orderId, total);
                await store.WaitPaidAsync(orderId, token);
                Interlocked.Increment(ref orders);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref errors);
            }
        }
    })));
    return (orders, errors, Stopwatch.GetElapsedTime(started));
}

static async Task<(long Orders, long Errors)> RunOpenLoopAsync(StoreClient store, string[] skus, int perSecond, TimeSpan duration)
{
    long orders = 0, errors = 0;
    var running = new List<Task>();
    var started = Stopwatch.GetTimestamp();
    for (var i = 0; Stopwatch.GetElapsedTime(started) < duration; i++)
    {
        var due = TimeSpan.FromSeconds(i / (double)perSecond) - Stopwatch.GetElapsedTime(started);
        if (due > TimeSpan.Zero)
        {
            await Task.Delay(due);
        }

        var sku = skus[i % skus.Length];
        running.Add(Task.Run(async () =>
        {
            try
            {
                var (orderId, _, total) = await store.CheckoutAsync(sku);
                await store.PayAsync(orderId, total);
                Interlocked.Increment(ref orders);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref errors);
            }
        }));
    }

    await Task.WhenAll(running);
    return (orders, errors);
}

static double At(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

static string FindRepoRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PacificEdge.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
}
