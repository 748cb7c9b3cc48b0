using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PacificEdge.Benchmarks.EndToEnd;
using PacificEdge.Testing;

// End-to-end: the real co-hosted process over HTTP with a durable private PostgreSQL. Rate limits are
// raised for the run (they would otherwise throttle one client address), everything else is production.
var seconds = args.Length == 2 && args[0] == "--seconds" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var duration = TimeSpan.FromSeconds(seconds);
var repoRoot = FindRepoRoot();
const string secret = "whsec_benchmark_only_not_a_secret";

await using var server = await PostgresServer.StartAsync(new PostgresServerOptions { Durable = true });
await server.CreateDatabaseAsync("bench_store");
await using var silo = SiloProcess.Start("cohosted", server.ConnectionStringFor("bench_store"), "bench", settings: new Dictionary<string, string>
{
    ["Commerce:Payments:Sandbox:WebhookSecret"] = secret,
    ["Commerce:Demo:UnitsPerProduct"] = "10000000",
    ["Frontend:RateLimits:CheckoutsPerMinute"] = "100000000",
    ["Frontend:RateLimits:WebhooksPerMinute"] = "100000000",
    ["Frontend:OrderTokenKey"] = "benchmark-order-token-key",
    ["Webhooks:ShippingToken"] = "benchmark",
    ["DOTNET_gcServer"] = "1",
}, arguments: ["--seed-demo"]);
await silo.WaitReadyAsync();
var baseAddress = new Uri($"http://127.0.0.1:{silo.HttpPort}");
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
var skus = await Eventually.WaitAsync(
    async () => JsonDocument.Parse(await http.GetStringAsync("/api/catalog")).RootElement.EnumerateArray().Select(p => p.GetProperty("sku").GetString()!).ToArray(),
    s => s.Length > 0, "the demo catalog");
var rows = new List<string[]>();

// 1. Throughput: closed loop, 32 shoppers each placing and paying orders back to back.
var throughput = new StepTimer();
var (orders, errors, elapsed) = await RunClosedLoopAsync(new StoreClient(http, secret, throughput), skus, workers: 32, duration);
rows.Add(["orders/s, closed loop (32 shoppers)", $"{orders / elapsed.TotalSeconds:N0}", "", "", "", $"{errors}"]);
rows.AddRange(throughput.Summary("cart (create + add line)", "checkout", "payment webhook (stored, 2xx)", "webhook to order Paid (polled)")
    .Select(s => new[] { $"  {s.Step}", $"{s.Count:N0}", $"{s.P50:F1}", $"{s.P95:F1}", $"{s.P99:F1}", "" }));

// 2. Checkout latency at a steady 100 orders/s (open loop).
var steady = new StepTimer();
var (steadyOrders, steadyErrors) = await RunOpenLoopAsync(new StoreClient(http, secret, steady), skus, perSecond: 100, duration);
rows.Add(["orders at 100/s, open loop", $"{steadyOrders:N0}", "", "", "", $"{steadyErrors}"]);
rows.AddRange(steady.Summary("checkout").Select(s => new[] { "  checkout at 100 orders/s", $"{s.Count:N0}", $"{s.P50:F1}", $"{s.P95:F1}", $"{s.P99:F1}", "" }));

// 3. Webhook to browser: the JavaScript SignalR client following each order.
var push = await PushLatency.MeasureAsync(repoRoot, baseAddress, new StoreClient(http, secret, new StepTimer()), skus, samples: 200);
rows.Add(["webhook POST to SignalR push received (JS client)", $"{push.Length}", $"{At(push, 0.5):F1}", $"{At(push, 0.95):F1}", $"{At(push, 0.99):F1}", ""]);

var header = new[] { "measurement", "count / rate", "p50 ms", "p95 ms", "p99 ms", "errors" };
MarkdownTable.Print($"Pacific Edge end-to-end benchmark - {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {seconds}s per phase", header, rows);
return 0;

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
