using System.Diagnostics;
using PacificEdge.Silo.Tests.Cluster;
using PacificEdge.Testing;
using Xunit.Abstractions;

namespace PacificEdge.Silo.Tests;

/// <summary>
/// Separate OS processes on loopback, on real ADO.NET membership in PostgreSQL, as an operator runs them: two silo
/// processes and a web process (an Orleans client through the silos' gateways), with 200 grains pinged through the web
/// process (each ping persists a count). A silo is killed, stopped gracefully or hung, or the database restarts, under
/// that load; no acknowledged write may be lost and no call may fail as anything but 503. Times are written to the test
/// output for the docs; nothing here asserts on timing.
/// </summary>
public sealed class ClusterProcessTests(PostgresDatabaseFixture database, ITestOutputHelper output) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_killed_silo_loses_no_acknowledged_write_and_its_grains_answer_on_the_survivor()
    {
        await using var cluster = await ProcessCluster.StartAsync(await database.CreateExtraDatabaseAsync(), silos: 2, output);
        await RunAsync(cluster, async () =>
        {
            await using var load = await StartLoadAsync(cluster, "kill");
            var victim = cluster.BusiestSilo(load);
            var survivor = cluster.Silos.Single(s => s != victim);
            var victimKeys = KeysOn(load, victim);

            var killedAt = DateTimeOffset.UtcNow;
            victim.Kill();
            await Wait.UntilAsync(() => victimKeys.All(k => load.AnsweredSince(k, killedAt, s => ProcessCluster.IsOn(s, survivor))),
                "the killed silo's grains to answer on the survivor", Bound, () => Pending(load, victimKeys, killedAt));
            var failover = victimKeys.Select(k => load.AnswersOf(k).First(a => a.Ok && a.At > killedAt).At - killedAt).Order().ToList();
            await Wait.UntilAsync(() => load.Keys.All(k => load.AnsweredSince(k, killedAt)), "every key to answer after the kill", Bound);
            await load.StopAsync();

            output.WriteLine($"kill -9 of the silo hosting {victimKeys.Count} of {load.Keys.Count} grains: first answer on the survivor after {failover[0].TotalSeconds:F1} s, median {failover[failover.Count / 2].TotalSeconds:F1} s, all of them after {failover[^1].TotalSeconds:F1} s; " +
                             $"{load.Acknowledged} calls acknowledged, {load.Failures.Count} answered 503 ({Describe(load.Failures)})");
            AssertOnly503(load);
            Assert.Empty(load.CountsThatWentBack());
            await AssertCountsIntactAsync(cluster, load, silo => ProcessCluster.IsOn(silo, survivor));
        });
    }

    [Fact]
    public async Task A_silo_stopped_with_SIGTERM_under_load_fails_no_call()
    {
        // The web process refreshes its gateway list every 3 s, inside the silo's 5 s shutdown notice, so refreshes land
        // both while the leaving silo still shows Active and after it shows ShuttingDown: the client must neither send
        // new calls to the leaving gateway nor close its connection while that silo still sends replies (issue 8).
        await using var cluster = await ProcessCluster.StartAsync(await database.CreateExtraDatabaseAsync(), silos: 2, output,
            webSettings: new Dictionary<string, string> { ["Orleans:GatewayListRefreshPeriod"] = "00:00:03" });
        await RunAsync(cluster, async () =>
        {
            await using var load = await StartLoadAsync(cluster, "term");
            var victim = cluster.BusiestSilo(load);
            var survivor = cluster.Silos.Single(s => s != victim);
            var victimKeys = KeysOn(load, victim);

            var stoppedAt = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            await victim.TerminateAsync(TimeSpan.FromSeconds(60));
            var exit = clock.Elapsed;
            Assert.Equal(0, victim.ExitCode);
            await Wait.UntilAsync(() => load.Keys.All(k => load.AnsweredSince(k, stoppedAt + exit)),
                "every key to answer after the stopped silo exited", Bound, () => Pending(load, load.Keys, stoppedAt + exit));
            await load.StopAsync();

            output.WriteLine($"SIGTERM of the silo hosting {victimKeys.Count} of {load.Keys.Count} grains: exited 0 after {exit.TotalSeconds:F1} s; " +
                             $"{load.Acknowledged} calls acknowledged, {load.Failures.Count} failed ({Describe(load.Failures)})");
            Assert.Empty(load.CountsThatWentBack());
            Assert.True(load.Failures.Count == 0, $"{load.Failures.Count} calls failed during the graceful stop:\n{string.Join("\n", load.Failures.Take(20))}");
            var view = await cluster.WaitForSilosAsync(v => v.Any(s => s.Port == victim.SiloPort && s.Status == "Dead"), "the stopped silo to be Dead in the table");
            Assert.Single(view, s => s.Status == "Active");
            await AssertCountsIntactAsync(cluster, load, silo => ProcessCluster.IsOn(silo, survivor));
        });
    }

    [Fact]
    public async Task A_database_restart_under_load_evicts_no_silo_fails_calls_only_as_503_and_recovers_by_itself()
    {
        // A server of this test's own: the shared one serves other test classes at the same time.
        await using var server = await PostgresServer.StartAsync();
        await server.CreateDatabaseAsync("cluster");
        await using var cluster = await ProcessCluster.StartAsync(server.ConnectionStringFor("cluster"), silos: 2, output);
        await RunAsync(cluster, async () =>
        {
            await using var load = await StartLoadAsync(cluster, "pg");
            var before = load.Failures.Count;
            var stoppedAt = DateTimeOffset.UtcNow;
            await server.StopAsync();
            try
            {
                // The outage lasts ~10 s (the scenario), and at least until calls are seen failing.
                await Wait.UntilAsync(() => load.Failures.Count > before, "calls to fail while the database is down", Bound);
                var remaining = TimeSpan.FromSeconds(10) - (DateTimeOffset.UtcNow - stoppedAt);
                if (remaining > TimeSpan.Zero)
                {
                    await Task.Delay(remaining);
                }
            }
            finally
            {
                await server.StartAgainAsync();
            }

            var startedAt = DateTimeOffset.UtcNow;
            await Wait.UntilAsync(() => load.Keys.All(k => load.AnsweredSince(k, startedAt)),
                "every key to answer after the database came back", Bound, () => Pending(load, load.Keys, startedAt));
            var recovery = load.Keys.Max(k => load.AnswersOf(k).First(a => a.Ok && a.At > startedAt).At - startedAt);
            await load.StopAsync();

            output.WriteLine($"PostgreSQL down {(startedAt - stoppedAt).TotalSeconds:F1} s: every grain answered again {recovery.TotalSeconds:F1} s after it came back; " +
                             $"{load.Acknowledged} calls acknowledged, {load.Failures.Count} failed ({Describe(load.Failures)})");
            Assert.All(cluster.Silos.Append(cluster.Web), p => Assert.False(p.HasExited, $"{p.Mode} on {p.SiloPort} exited"));
            AssertOnly503(load);
            Assert.Empty(load.CountsThatWentBack());
            // Polled: the management read itself can answer 503 for a moment after the outage. A Dead row never
            // turns back, so waiting cannot hide an eviction.
            var view = await cluster.WaitForSilosAsync(v => v.Count(s => s.Status == "Active") == 2, "both silos to be Active in the management view");
            Assert.DoesNotContain(view, s => s.Status == "Dead");
            Assert.Equal(2, view.Count(s => s.Status == "Active"));
            await AssertCountsIntactAsync(cluster, load, _ => true);
        });
    }

    [Fact]
    public async Task A_hung_silo_is_evicted_and_its_grains_answer_elsewhere()
    {
        await using var cluster = await ProcessCluster.StartAsync(await database.CreateExtraDatabaseAsync(), silos: 2, output);
        await RunAsync(cluster, async () =>
        {
            await using var load = await StartLoadAsync(cluster, "hung");
            var victim = cluster.BusiestSilo(load);
            var survivor = cluster.Silos.Single(s => s != victim);
            var victimKeys = KeysOn(load, victim);
            var clock = Stopwatch.StartNew();
            var hungAt = DateTimeOffset.UtcNow;
            victim.Suspend();
            try
            {
                var view = await cluster.WaitForSilosAsync(v => v.Any(s => s.Port == victim.SiloPort && s.Status == "Dead"),
                    "the hung silo to be declared Dead", TimeSpan.FromSeconds(120));
                var evicted = clock.Elapsed;
                await Wait.UntilAsync(() => victimKeys.All(k => load.AnsweredSince(k, hungAt, s => ProcessCluster.IsOn(s, survivor))),
                    "the hung silo's grains to answer on the survivor", TimeSpan.FromSeconds(120), () => Pending(load, victimKeys, hungAt));
                var moved = victimKeys.Select(k => load.AnswersOf(k).First(a => a.Ok && a.At > hungAt && ProcessCluster.IsOn(a.Silo!, survivor)).At - hungAt).Order().ToList();
                await load.StopAsync();
                output.WriteLine($"SIGSTOP of the silo hosting {victimKeys.Count} of {load.Keys.Count} grains: seen Dead by the web process after {evicted.TotalSeconds:F1} s, " +
                                 $"its grains answering on the survivor after {moved[0].TotalSeconds:F1} s (first), {moved[moved.Count / 2].TotalSeconds:F1} s (median), {moved[^1].TotalSeconds:F1} s (last); {load.Acknowledged} calls acknowledged, " +
                                 $"{load.Failures.Count} failed ({Describe(load.Failures)})");
                AssertOnly503(load);
                Assert.Empty(load.CountsThatWentBack());
            }
            finally
            {
                victim.Resume();
            }

            await AssertCountsIntactAsync(cluster, load, silo => ProcessCluster.IsOn(silo, survivor));
        });
    }

    private async Task RunAsync(ProcessCluster cluster, Func<Task> scenario)
    {
        try
        {
            await scenario();
        }
        catch
        {
            cluster.DumpOutput(output);
            throw;
        }
    }

    /// <summary>Starts the load and waits until every grain has answered (activated and persisted once).</summary>
    private static async Task<PingLoad> StartLoadAsync(ProcessCluster cluster, string prefix)
    {
        var load = PingLoad.Start(cluster.Web.Http.BaseAddress!, $"{prefix}-{Guid.NewGuid():N}"[..12]);
        try
        {
            await Wait.UntilAsync(() => load.Keys.All(k => load.LastOk(k) is not null), "every grain to answer once", Bound,
                () => $"{load.Keys.Count(k => load.LastOk(k) is null)} keys without an answer; failures: {Describe(load.Failures)}");
            return load;
        }
        catch
        {
            await load.DisposeAsync();
            throw;
        }
    }

    private static List<string> KeysOn(PingLoad load, SiloProcess silo)
    {
        var keys = load.Keys.Where(k => ProcessCluster.IsOn(load.LastOk(k)!.Silo!, silo)).ToList();
        Assert.NotEmpty(keys); // the busiest of two silos hosts at least half of the grains
        return keys;
    }

    /// <summary>One more ping per grain once the load has stopped: it answers, on an allowed silo, above every acknowledged count.</summary>
    private static async Task AssertCountsIntactAsync(ProcessCluster cluster, PingLoad load, Func<string, bool> allowedSilo)
    {
        var problems = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await Parallel.ForEachAsync(load.Keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (key, _) =>
        {
            var acknowledged = load.LastOk(key)!.Count;
            PingAnswer answer = null!;
            // A 503 here would be a passing failure of the final check itself: ask again, within a bound.
            await Wait.UntilAsync(async () => (answer = await PingLoad.PingAsync(cluster.Web.Http, key)).Status != 503, $"{key} to answer", TimeSpan.FromSeconds(30));
            if (!answer.Ok || answer.Count <= acknowledged || !allowedSilo(answer.Silo!))
            {
                problems.Enqueue($"{answer} (last acknowledged #{acknowledged})");
            }
        });
        Assert.True(problems.IsEmpty, string.Join("\n", problems.Take(20)));
    }

    private static void AssertOnly503(PingLoad load)
    {
        var other = load.Failures.Where(f => f.Status != 503).ToList();
        Assert.True(other.Count == 0, $"{other.Count} calls failed with something else than 503:\n{string.Join("\n", other.Take(20))}");
    }

    private static string Pending(PingLoad load, IEnumerable<string> keys, DateTimeOffset since)
    {
        var pending = keys.Where(k => !load.AnsweredSince(k, since)).ToList();
        return $"{pending.Count} keys without a new answer, e.g. {string.Join(" | ", pending.Take(3).Select(k => string.Join(", ", load.AnswersOf(k).TakeLast(2))))}; failures: {Describe(load.Failures)}";
    }

    private static string Describe(IReadOnlyList<PingAnswer> failures)
        => failures.Count == 0 ? "none" : string.Join("; ", failures.GroupBy(f => (f.Status, Kind: Kind(f.Detail))).Select(g => $"{g.Count()} x {g.Key.Status} {g.Key.Kind}"));

    private static string Kind(string? detail)
    {
        if (detail is null)
        {
            return "";
        }

        var marker = detail.IndexOf("\"detail\":\"", StringComparison.Ordinal);
        var text = marker >= 0 ? detail[(marker + 10)..] : detail;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? text[..colon] : text[..Math.Min(text.Length, 60)];
    }
}
