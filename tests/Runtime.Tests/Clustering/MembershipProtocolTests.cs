using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PacificEdge.Runtime.Clustering;
using PacificEdge.Runtime.Hosting;
using PacificEdge.Runtime.Tests.Support;
using PacificEdge.Runtime.Tests.TestGrains;
using PacificEdge.Testing;

namespace PacificEdge.Runtime.Tests.Clustering;

/// <summary>The membership protocol against PostgreSQL: failure detection, self-termination, generations, duplicates.</summary>
public sealed class MembershipProtocolTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task A_silo_whose_heartbeats_stop_is_declared_dead_by_its_peers_and_stops_serving()
    {
        var blocker = new HeartbeatBlocker();
        await using var cluster = await ClusterTestHelpers.StartClusterAsync(database.ConnectionString, silos: 2, configure: b => b.WithHeartbeatBlocker(blocker));
        await cluster.WaitForMembershipAsync();
        var stalled = cluster.Silos[0];
        var key = (await ClusterTestHelpers.KeysOnAsync(cluster, stalled, 1, "stalled"))[0];
        await cluster.Client.GetGrain<IClusterTestGrain>(key).Append(1);

        blocker.Block(stalled.Address);

        // The peer declares it Dead; the stalled silo reads that, stops serving and asks its host to stop.
        await ClusterTestHelpers.WaitForAsync(() => Task.FromResult(stalled.Status == SiloStatus.Dead), "the stalled silo to stop");
        Assert.True(stalled.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        var row = (await cluster.ClientServices.GetRequiredService<IClusterMembership>().RefreshAsync()).Find(stalled.Address);
        Assert.Equal(SiloStatus.Dead, row!.Status);
        Assert.Equal(cluster.Silos[1].Address.ToString(), await cluster.Client.GetGrain<IClusterTestGrain>(key).Append(2));
        Assert.Equal([1, 2], await cluster.Client.GetGrain<IClusterTestGrain>(key).Read());
    }

    [Fact]
    public async Task Two_silos_racing_to_activate_a_grain_during_a_membership_change_never_both_commit_from_one_version()
    {
        var blocker = new HeartbeatBlocker();
        var gate = new RaceGate();
        await using var cluster = await ClusterTestHelpers.StartClusterAsync(database.ConnectionString, silos: 2, configure: b => b
            .WithHeartbeatBlocker(blocker)
            .ConfigureServices(s => s.AddSingleton(gate)));
        await cluster.WaitForMembershipAsync();
        var (old, next) = (cluster.Silos[0], cluster.Silos[1]);
        var key = (await ClusterTestHelpers.KeysOnAsync(cluster, old, 1, "race"))[0];
        await cluster.Client.GetGrain<IClusterTestGrain>(key).Append(0); // version 1, read by the activation on `old`

        // The first racer starts on the old owner and waits at the gate.
        var first = old.GrainFactory.GetGrain<IClusterTestGrain>(key).RacingAppend(1);
        await ClusterTestHelpers.WaitForAsync(() => Task.FromResult(gate.Arrived == 1), "the first racer at the gate");

        // Membership changes under it: the old owner is cut off from the database (its heartbeats
        // stop and it cannot read that it was declared dead, so it keeps its activation), and the
        // grain is placed on the other silo, which activates it from the same stored version.
        blocker.Block(old.Address, partition: true);
        await ClusterTestHelpers.WaitForViewAsync(next.Services, v => v.ActiveSilos.SequenceEqual([next.Address]), "the new owner's view without the old one");
        await ClusterTestHelpers.WaitForViewAsync(cluster.ClientServices, v => v.ActiveSilos.SequenceEqual([next.Address]), "the client's view without the old owner");
        var second = cluster.Client.GetGrain<IClusterTestGrain>(key).RacingAppend(2);

        var outcomes = await Task.WhenAll(Outcome(first), Outcome(second));

        // Both activations wrote from version 1: exactly one commit, the other is refused by its ETag.
        Assert.Equal(SiloStatus.Active, old.Status); // the old owner never learnt it was replaced
        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o is InconsistentStateException);
        var stored = await cluster.Client.GetGrain<IClusterTestGrain>(key).Read();
        Assert.Equal(2, stored.Count);
        Assert.Equal(2L, await database.QueryScalarAsync<long>(
            $"SELECT version FROM grain_state WHERE grain_type = 'test-cluster' AND grain_key = '{key}'"));
        Assert.Equal(next.Address.ToString(), await cluster.Client.GetGrain<IClusterTestGrain>(key).WhereAmI());

        static async Task<Exception?> Outcome(Task task)
        {
            try
            {
                await task;
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        }
    }

    [Fact]
    public async Task A_silo_restarted_on_its_address_joins_with_a_new_generation_and_retires_the_old_row_at_once()
    {
        var port = FreeTcpPort.Pick();
        await using var cluster = await ClusterTestHelpers.StartClusterAsync(database.ConnectionString, silos: 1, configure: b => b
            .WithConfiguration("Runtime:Cluster:SiloPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            // Long enough that only the superseding rule, not the timeout, can retire the old row in this test.
            .WithConfiguration("Runtime:Cluster:DeathTimeout", TimeSpan.FromMinutes(10))
            .WithConfiguration("Runtime:Messaging:ResponseTimeout", TimeSpan.FromMinutes(11)));
        var first = cluster.Primary.Address;

        await cluster.KillSiloAsync(cluster.Primary);
        var restarted = await cluster.StartSiloAsync();

        Assert.Equal(first.Port, restarted.Address.Port);
        Assert.True(restarted.Address.Generation > first.Generation);
        var rows = (await restarted.Services.GetRequiredService<IClusterMembership>().RefreshAsync()).Silos;
        Assert.Equal(SiloStatus.Dead, rows.Single(r => r.Address == first).Status);
        Assert.Equal(SiloStatus.Active, rows.Single(r => r.Address == restarted.Address).Status);
        await cluster.WaitForMembershipAsync();
        Assert.Equal(restarted.Address.ToString(), await cluster.Client.GetGrain<IClusterTestGrain>("after-restart").Append(1));
    }

    [Fact]
    public async Task Graceful_stop_records_ShuttingDown_then_Dead_and_old_dead_rows_are_deleted_after_the_retention()
    {
        await using var cluster = await ClusterTestHelpers.StartClusterAsync(database.ConnectionString, silos: 2, configure: b => b
            .WithConfiguration("Runtime:Cluster:DefunctSiloRetention", TimeSpan.FromSeconds(6)));
        await cluster.WaitForMembershipAsync();
        var leaving = cluster.Silos[1];
        var address = leaving.Address;

        await cluster.StopSiloAsync(leaving);

        var membership = cluster.ClientServices.GetRequiredService<IClusterMembership>();
        Assert.Equal(SiloStatus.Dead, (await membership.RefreshAsync()).Find(address)!.Status);
        Assert.Equal(1L, await database.QueryScalarAsync<long>(
            $"SELECT count(*) FROM cluster_membership WHERE silo_id = '{address}' AND status = 'Dead'"));
        // The survivor deletes the row once it is older than the retention (it looks every half retention).
        await ClusterTestHelpers.WaitForAsync(async () => (await membership.RefreshAsync()).Find(address) is null, "the dead row deleted", TimeSpan.FromSeconds(90));
    }
}
