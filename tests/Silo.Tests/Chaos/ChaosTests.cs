using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PacificEdge.Silo.Tests.Cluster;
using PacificEdge.Testing;
using Xunit.Abstractions;

namespace PacificEdge.Silo.Tests.Chaos;

/// <summary>
/// The store under faults, end to end: two silo processes and a web process on real ADO.NET membership, shoppers
/// (signed in and guests) placing and paying orders through the API with resends under the same idempotency key,
/// while silos are killed and replaced, or PostgreSQL restarts. Afterwards the books must balance
/// (<see cref="BooksAudit"/>) and no answer may have been a 500: passing faults are 503s.
/// </summary>
public sealed class ChaosTests(PostgresDatabaseFixture database, ITestOutputHelper output) : IClassFixture<PostgresDatabaseFixture>
{
    private const int InitialUnits = 150;
    private const string AdminEmail = "chaos-admin@example.test";
    private const string AdminPassword = "chaos-admin-password-not-a-secret";

    private static readonly Dictionary<string, string> SiloSettings = new()
    {
        ["Commerce:Demo:Seed"] = "true",
        ["Commerce:Demo:UnitsPerProduct"] = InitialUnits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // Retry periods on the test's time scale (production: 30 s doubling to 1 h, reminders every minute), so a row
        // left behind by a kill must catch up within the audit's bound.
        ["Commerce:EffectRetryDelay"] = "00:00:05",
        ["Commerce:EffectRetryMaxDelay"] = "00:00:20",
        ["Commerce:ReminderPeriod"] = "00:00:05",
    };

    private static readonly Dictionary<string, string> WebSettings = new()
    {
        ["PACIFICEDGE_ADMIN_EMAIL"] = AdminEmail,
        ["PACIFICEDGE_ADMIN_PASSWORD"] = AdminPassword,
        // Every shopper comes from 127.0.0.1: lift the per-address limits, as a load test from one host must.
        ["Frontend:RateLimits:CheckoutsPerMinute"] = "100000",
        ["Frontend:RateLimits:AdminPerMinute"] = "100000",
        ["Commerce:GuestCheckout:MaxOpenOrdersPerEmail"] = "100000",
        ["Commerce:GuestCheckout:MaxOpenOrdersPerClientAddress"] = "100000",
    };

    /// <summary>The silo settings, mailing through <paramref name="smtp"/> (registration links are read from it).</summary>
    private static Dictionary<string, string> SiloSettingsWith(InProcessSmtpServer smtp)
    {
        var settings = new Dictionary<string, string>(SiloSettings);
        foreach (var (key, value) in smtp.RelaySettings())
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task Silos_killed_every_10_seconds_under_checkout_load_leave_balanced_books_and_no_500()
    {
        await using var smtp = await InProcessSmtpServer.StartAsync();
        await using var cluster = await ProcessCluster.StartAsync(await database.CreateExtraDatabaseAsync(), silos: 2, output, SiloSettingsWith(smtp), WebSettings);
        await RunAsync(cluster, smtp, async load =>
        {
            var random = new Random(20261202);
            var kills = new List<string>();
            var restarts = 0;
            for (var i = 0; i < 5; i++)
            {
                var clock = Stopwatch.StartNew();
                var alive = cluster.Silos.Where(s => !s.HasExited).ToList();
                var victim = alive[random.Next(alive.Count)];
                victim.Kill();
                restarts += await StartReplacementAsync(cluster);
                kills.Add($"{clock.Elapsed.TotalSeconds:F0} s");
                var rest = TimeSpan.FromSeconds(10) - clock.Elapsed;
                if (rest > TimeSpan.Zero)
                {
                    await Task.Delay(rest); // the fault schedule: one kill every ~10 s
                }
            }

            while (cluster.Silos.Count(s => !s.HasExited) < 2)
            {
                restarts += await StartReplacementAsync(cluster); // a silo that failed fast under the load is restarted too
            }

            return $"5 kills -9, each replacement ready after {string.Join(", ", kills)} ({restarts} extra starts)";
        });
    }

    [Fact]
    public async Task A_PostgreSQL_restart_under_checkout_load_answers_only_503_and_recovers_by_itself()
    {
        // A server of this test's own: the shared one serves other test classes at the same time.
        await using var server = await PostgresServer.StartAsync();
        await server.CreateDatabaseAsync("chaos");
        await using var smtp = await InProcessSmtpServer.StartAsync();
        await using var cluster = await ProcessCluster.StartAsync(server.ConnectionStringFor("chaos"), silos: 2, output, SiloSettingsWith(smtp), WebSettings);
        await RunAsync(cluster, smtp, async load =>
        {
            var before = load.ServerErrors.Count;
            var stoppedAt = Stopwatch.StartNew();
            await server.StopAsync();
            try
            {
                await Wait.UntilAsync(() => load.ServerErrors.Count > before, "requests to fail while the database is down", TimeSpan.FromSeconds(60));
                var remaining = TimeSpan.FromSeconds(10) - stoppedAt.Elapsed;
                if (remaining > TimeSpan.Zero)
                {
                    await Task.Delay(remaining); // the outage lasts ~10 s
                }
            }
            finally
            {
                await server.StartAgainAsync();
            }

            var down = stoppedAt.Elapsed;
            var placed = load.Orders.Count;
            await Wait.UntilAsync(() => load.Orders.Count >= placed + 10, "orders to be placed again after the restart", TimeSpan.FromSeconds(120));
            Assert.All(cluster.Silos.Append(cluster.Web), p => Assert.False(p.HasExited, $"{p.Mode} on {p.SiloPort} exited"));
            return $"PostgreSQL down {down.TotalSeconds:F1} s; {load.ServerErrors.Count - before} answers 5xx meanwhile";
        });
    }

    /// <summary>
    /// Starts a silo as Kubernetes restarts a pod: one that the others declare dead while it joins a starved machine
    /// exits (Orleans fails fast) and is started again. Returns how many extra starts it took.
    /// </summary>
    private static async Task<int> StartReplacementAsync(ProcessCluster cluster)
    {
        for (var extra = 0; ; extra++)
        {
            var silo = cluster.StartSilo(new Dictionary<string, string> { ["Commerce:Demo:Seed"] = "false" });
            try
            {
                await silo.WaitReadyAsync(TimeSpan.FromSeconds(120));
                return extra;
            }
            catch (InvalidOperationException) when (silo.HasExited && extra < 3)
            {
                // Exited before it was ready: start another.
            }
        }
    }

    /// <summary>Starts six shoppers, runs <paramref name="faults"/> under their load, stops them, and audits the books.</summary>
    private async Task RunAsync(ProcessCluster cluster, InProcessSmtpServer smtp, Func<ShopperLog, Task<string>> faults)
    {
        var log = new ShopperLog();
        var handlers = new List<HttpClient>();
        try
        {
            var admin = NewClient(cluster, handlers);
            var books = await StoreBooks.SignInAsync(new RetryingClient(admin, log), AdminEmail, AdminPassword);
            var skus = await Eventually.WaitAsync(
                async () => (await books.StockAsync()).Where(s => s.OnHand == InitialUnits).Select(s => s.Sku).Order(StringComparer.Ordinal).Take(3).ToList(),
                s => s.Count == 3, "the seeded catalog");

            var shoppers = new List<ChaosShopper>();
            var customers = new List<string>();
            for (var i = 0; i < 6; i++)
            {
                var http = NewClient(cluster, handlers);
                var email = $"chaos-{i}-{Guid.NewGuid():N}@example.test";
                string? customerId = null;
                if (i % 2 == 0)
                {
                    customerId = await EmailedRegistration.RegisterAsync(http, smtp, email, "chaos-shopper-password-2026");
                    customers.Add(customerId);
                }

                shoppers.Add(new ChaosShopper(http, log, skus, seed: i, email, customerId));
            }

            using var stop = new CancellationTokenSource();
            var running = shoppers.Select(s => Task.Run(() => s.RunAsync(stop.Token))).ToList();
            await Wait.UntilAsync(() => log.PaidOrders.Count >= 10, "the load to flow", TimeSpan.FromSeconds(60), () => $"{log.ServerErrors.Count} 5xx: {string.Join(" | ", log.ServerErrors.Take(3))}");

            var what = await faults(log);
            stop.Cancel();
            await Task.WhenAll(running);
            await cluster.WaitForSilosAsync(v => v.Count(s => s.Status == "Active") == 2, "two active silos");

            var summary = await new BooksAudit(books, log, InitialUnits, customers).AssertBalancedAsync();
            output.WriteLine($"{what}; {summary}");
            var not503 = log.ServerErrors.Where(e => !e.StartsWith("503 ", StringComparison.Ordinal)).ToList();
            Assert.True(not503.Count == 0, $"{not503.Count} answers were 5xx but not 503:\n{string.Join("\n", not503.Take(20))}");
        }
        catch
        {
            output.WriteLine($"5xx answers ({log.ServerErrors.Count}): {string.Join("\n", log.ServerErrors.Take(30))}");
            cluster.DumpOutput(output);
            throw;
        }
        finally
        {
            handlers.ForEach(h => h.Dispose());
        }
    }

    private static HttpClient NewClient(ProcessCluster cluster, List<HttpClient> owned)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = cluster.Web.Http.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        owned.Add(client);
        return client;
    }
}
