using PacificEdge.Runtime.Tests.Support;
using PacificEdge.Runtime.Tests.TestGrains;
using PacificEdge.Testing;

namespace PacificEdge.Runtime.Tests.Clustering;

/// <summary>R10 placement and R1/R2 across silos: grains spread, one activation each, calls reach the owner from anywhere.</summary>
public sealed class ClusterPlacementTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Three_silos_share_the_grains_and_each_grain_keeps_one_activation()
    {
        await using var cluster = await ClusterTestHelpers.StartClusterAsync(database.ConnectionString, silos: 3);
        await cluster.WaitForMembershipAsync();
        var keys = Enumerable.Range(0, 90).Select(i => $"spread-{i}").ToList();

        var placements = new Dictionary<string, string>();
        foreach (var key in keys)
        {
            placements[key] = await cluster.Client.GetGrain<IClusterTestGrain>(key).WhereAmI();
        }

        var silos = cluster.Silos.Select(s => s.Address.ToString()).ToHashSet();
        Assert.Equal(silos, placements.Values.ToHashSet());
        foreach (var key in keys)
        {
            // Same activation from the client and from inside every silo (a non-owner forwards or routes to the owner).
            var id = await cluster.Client.GetGrain<IClusterTestGrain>(key).ActivationId();
            foreach (var silo in cluster.Silos)
            {
                Assert.Equal(id, await silo.GrainFactory.GetGrain<IClusterTestGrain>(key).ActivationId());
            }

            var grainId = new GrainId("test-cluster", key);
            Assert.Single(cluster.Silos, s => s.HasActivation(grainId));
            Assert.True(cluster.Silos.Single(s => s.HasActivation(grainId)).Address.ToString() == placements[key]);
        }
    }

    [Fact]
    public async Task Concurrent_calls_from_every_silo_and_the_client_still_run_one_turn_at_a_time()
    {
        await using var cluster = await ClusterTestHelpers.StartClusterAsync(database.ConnectionString, silos: 2);
        await cluster.WaitForMembershipAsync();
        var factories = cluster.Silos.Select(s => s.GrainFactory).Append(cluster.Client).ToList();

        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => factories[i % factories.Count].GetGrain<ICounterGrain>("shared").Increment()));

        Assert.Equal(300, await cluster.Client.GetGrain<ICounterGrain>("shared").Get());
    }

    [Fact]
    public async Task Grain_errors_and_references_cross_silos_like_local_calls()
    {
        await using var cluster = await ClusterTestHelpers.StartClusterAsync(database.ConnectionString, silos: 2);
        await cluster.WaitForMembershipAsync();

        var error = await Assert.ThrowsAsync<TestDomainException>(() => cluster.Client.GetGrain<IEchoGrain>("thrower").Throw("card_declined"));
        Assert.Equal("card_declined", error.Message);
        var counter = cluster.Client.GetGrain<ICounterGrain>("referenced");
        Assert.Equal("1", await cluster.Client.GetGrain<IEchoGrain>("caller").CallOther(counter));
        await cluster.Client.GetGrain<IEchoGrain>("basket").Store(new Basket { Items = ["a", "ü"], Total = 1.5m });
        var loaded = await cluster.Client.GetGrain<IEchoGrain>("basket").Load();
        Assert.Equal(["a", "ü"], loaded.Items);
        Assert.Equal(1.5m, loaded.Total);
    }

    [Fact]
    public async Task An_in_memory_cluster_routes_between_silos_too()
    {
        await using var cluster = await TestClusters.StartAsync(configure: b => b.UseClustering().WithSilos(2));
        await cluster.WaitForMembershipAsync();

        var placements = new HashSet<string>();
        for (var i = 0; i < 40; i++)
        {
            placements.Add(await cluster.Client.GetGrain<IClusterTestGrain>($"memory-{i}").Append(1));
        }

        Assert.Equal(2, placements.Count);
    }
}
