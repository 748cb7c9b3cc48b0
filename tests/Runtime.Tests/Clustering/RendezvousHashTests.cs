using PacificEdge.Runtime.Placement;

namespace PacificEdge.Runtime.Tests.Clustering;

public sealed class RendezvousHashTests
{
    private static readonly SiloAddress[] Silos =
        [new("10.0.0.1", 11111, 1), new("10.0.0.2", 11111, 1), new("10.0.0.3", 11111, 1), new("10.0.0.4", 11111, 7)];

    [Fact]
    public void Hashes_are_stable_values_not_per_process_string_hashes()
    {
        // Fixed expectations: every process (silo or client, any machine) must compute the same owner.
        Assert.Equal(RendezvousHash.Of(new GrainId("order", "42")), RendezvousHash.Of(new GrainId("order", "42")));
        Assert.NotEqual(RendezvousHash.Of(new GrainId("ab", "c")), RendezvousHash.Of(new GrainId("a", "bc")));
        Assert.Equal(0xBE1BADAD7A8D84EFUL, RendezvousHash.Of(new GrainId("order", "42"))); // FNV-1a + fmix64, computed independently
    }

    [Fact]
    public void Grains_spread_evenly_and_removing_a_silo_moves_only_its_grains()
    {
        var all = Silos.Select(RendezvousHash.Of).ToArray();
        var without = Silos.Where((_, i) => i != 2).Select(RendezvousHash.Of).ToArray();
        var grains = Enumerable.Range(0, 20_000).Select(i => RendezvousHash.Of(new GrainId("cart", $"c{i}"))).ToList();

        var before = grains.Select(g => Silos[RendezvousHash.PickOwner(g, all)]).ToList();
        var after = grains.Select(g => Silos.Where((_, i) => i != 2).ElementAt(RendezvousHash.PickOwner(g, without))).ToList();

        foreach (var group in before.GroupBy(s => s))
        {
            Assert.InRange(group.Count(), 4_500, 5_500); // a quarter each, give or take
        }

        for (var i = 0; i < grains.Count; i++)
        {
            if (before[i] != Silos[2])
            {
                Assert.Equal(before[i], after[i]);
            }
        }
    }

    [Fact]
    public void A_new_generation_is_a_different_silo()
        => Assert.NotEqual(RendezvousHash.Of(new SiloAddress("10.0.0.1", 11111, 1)), RendezvousHash.Of(new SiloAddress("10.0.0.1", 11111, 2)));

    [Fact]
    public void No_silo_means_no_owner() => Assert.Equal(-1, RendezvousHash.PickOwner(123, []));
}
