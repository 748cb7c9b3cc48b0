using PacificEdge.Runtime.Tests.Support;
using PacificEdge.Runtime.Tests.TestGrains;
using PacificEdge.Testing;
using Xunit.Abstractions;

namespace PacificEdge.Runtime.Tests.Clustering;

/// <summary>R10/R11/R13: a crashed silo's grains move to the others without losing a write; a graceful stop fails no call.</summary>
public sealed class FailoverTests(PostgresDatabaseFixture database, ITestOutputHelper output) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Killing_a_silo_while_200_grains_are_called_loses_no_acknowledged_write_and_its_grains_move()
    {
        await using var cluster = await ClusterTestHelpers.StartClusterAsync(database.ConnectionString, silos: 3);
        await cluster.WaitForMembershipAsync();
        var keys = Enumerable.Range(0, 200).Select(i => $"kill-{i}").ToList();
        var load = new ClusterLoad(cluster.Client, keys, workers: 16, retryUnknownOutcomes: true);
        load.Start();
        await load.WaitUntilAsync(l => l.Acks.Values.All(a => a.Count >= 2), "every grain acknowledged twice", TimeSpan.FromSeconds(60));

        var victim = cluster.Silos[1];
        var victimAddress = victim.Address.ToString();
        var victimKeys = keys.Where(k => load.Acks[k].Last().Silo == victimAddress).ToList();
        Assert.NotEmpty(victimKeys);
        var killedAt = DateTimeOffset.UtcNow;
        await cluster.KillSiloAsync(victim);

        // Every grain of the killed silo is served by another silo, several times.
        await load.WaitUntilAsync(
            l => victimKeys.All(k => l.Acks[k].Count(a => a.At > killedAt && a.Silo != victimAddress) >= 3),
            "the killed silo's grains served elsewhere",
            TimeSpan.FromSeconds(90));
        await load.StopAsync();

        Assert.Empty(load.Failures);
        foreach (var key in keys)
        {
            var stored = await cluster.Client.GetGrain<IClusterTestGrain>(key).Read();
            var acknowledged = load.Acks[key].Select(a => a.Sequence).ToList();
            Assert.True(acknowledged.All(stored.Contains), $"{key} lost acknowledged writes: stored {stored.Count}, acknowledged {acknowledged.Count}");
        }

        var moved = victimKeys.Select(k => load.Acks[k].First(a => a.At > killedAt && a.Silo != victimAddress).At - killedAt).Max();
        output.WriteLine($"{load.Calls} calls, {load.CallerRetries} repeated by the caller after an unknown outcome; " +
                         $"the last of {victimKeys.Count} grains of the killed silo was served elsewhere {moved.TotalSeconds:F1} s after the kill");
    }

    [Fact]
    public async Task Stopping_a_silo_gracefully_under_load_fails_no_call()
    {
        await using var cluster = await ClusterTestHelpers.StartClusterAsync(database.ConnectionString, silos: 3);
        await cluster.WaitForMembershipAsync();
        var keys = Enumerable.Range(0, 200).Select(i => $"drain-{i}").ToList();
        var load = new ClusterLoad(cluster.Client, keys, workers: 16, retryUnknownOutcomes: false);
        load.Start();
        await load.WaitUntilAsync(l => l.Acks.Values.All(a => a.Count >= 2), "every grain acknowledged twice", TimeSpan.FromSeconds(60));

        var leaving = cluster.Silos[2];
        var leavingAddress = leaving.Address.ToString();
        var leavingKeys = keys.Where(k => load.Acks[k].Last().Silo == leavingAddress).ToList();
        Assert.NotEmpty(leavingKeys);
        var stoppedAt = DateTimeOffset.UtcNow;
        await cluster.StopSiloAsync(leaving);

        await load.WaitUntilAsync(
            l => leavingKeys.All(k => l.Acks[k].Count(a => a.At > stoppedAt && a.Silo != leavingAddress) >= 3),
            "the stopped silo's grains served elsewhere",
            TimeSpan.FromSeconds(60));
        await load.StopAsync();

        Assert.Empty(load.Failures);
        foreach (var key in leavingKeys)
        {
            var stored = await cluster.Client.GetGrain<IClusterTestGrain>(key).Read();
            Assert.Equal(load.Acks[key].Select(a => a.Sequence).Order(), stored.Order());
        }

        output.WriteLine($"{load.Calls} calls, none failed, while {leavingKeys.Count} grains moved off the stopped silo");
    }

    [Fact]
    public async Task A_graceful_stop_lets_an_in_flight_turn_finish_and_never_runs_it_twice()
    {
        var probe = new TestProbe();
        await using var cluster = await ClusterTestHelpers.StartClusterAsync(database.ConnectionString, silos: 2, probe);
        await cluster.WaitForMembershipAsync();
        var leaving = cluster.Silos[0];
        var leavingAddress = leaving.Address.ToString();
        var key = (await ClusterTestHelpers.KeysOnAsync(cluster, leaving, 1, "inflight"))[0];
        var grain = cluster.Client.GetGrain<IClusterTestGrain>(key);

        var slow = grain.SlowAppend(7, TimeSpan.FromSeconds(2));
        await probe.WaitForCountAsync("slow-started", key, 1);
        await cluster.StopSiloAsync(leaving);

        Assert.Equal(leavingAddress, await slow);
        Assert.Single(probe.Of("slow-started", key));
        Assert.Equal([7], await grain.Read());
        Assert.NotEqual(leavingAddress, await grain.WhereAmI());
    }

    [Fact]
    public async Task A_reminder_owned_by_a_killed_silo_fires_on_another_silo()
    {
        var probe = new TestProbe();
        await using var cluster = await ClusterTestHelpers.StartClusterAsync(database.ConnectionString, silos: 3, probe);
        await cluster.WaitForMembershipAsync();
        var victim = cluster.Silos[0];
        var victimAddress = victim.Address.ToString();
        string? key = null;
        for (var i = 0; key is null; i++)
        {
            if (await cluster.Client.GetGrain<IClusterReminderGrain>($"remind-{i}").Start(TimeSpan.FromMilliseconds(500)) == victimAddress)
            {
                key = $"remind-{i}";
            }
        }

        await probe.WaitForAsync(e => e.Any(x => x.Kind == "cluster-tick" && x.Key == key && x.Detail == victimAddress), "a tick on the owner");
        await cluster.KillSiloAsync(victim);
        var killedAt = DateTimeOffset.UtcNow;

        var ticks = await probe.WaitForAsync(
            e => e.Count(x => x.Kind == "cluster-tick" && x.Key == key && x.At > killedAt && x.Detail != victimAddress) >= 2,
            "ticks on another silo after the kill",
            TimeSpan.FromSeconds(60));
        var survivors = cluster.Silos.Select(s => s.Address.ToString()).ToHashSet();
        Assert.All(ticks.Where(x => x.Kind == "cluster-tick" && x.Key == key && x.At > killedAt && x.Detail != victimAddress), t => Assert.Contains(t.Detail, survivors));
    }
}
