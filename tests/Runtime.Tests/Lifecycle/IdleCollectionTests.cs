using PacificEdge.Runtime.Tests.Support;
using PacificEdge.Runtime.Tests.TestGrains;

namespace PacificEdge.Runtime.Tests.Lifecycle;

public sealed class IdleCollectionTests
{
    [Fact]
    public async Task Idle_grains_are_collected_after_the_collection_age_and_OnDeactivateAsync_runs()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe, configure: b => b
            .WithConfiguration("Runtime:Collection:CollectionAge", TimeSpan.FromMilliseconds(300))
            .WithConfiguration("Runtime:Collection:CollectionQuantum", TimeSpan.FromMilliseconds(100)));

        await cluster.Client.GetGrain<ILifecycleGrain>("idle").Ping();
        var events = await probe.WaitForCountAsync("deactivated", "idle", 1);

        Assert.Equal(nameof(DeactivationReason.IdleCollection), events.Single(e => e.Kind == "deactivated").Detail);
        Assert.Equal(0, cluster.Primary.ActivationCount);

        // The next call activates a fresh instance.
        await cluster.Client.GetGrain<ILifecycleGrain>("idle").Ping();
        Assert.Equal(2, probe.Of("activated", "idle").Count);
    }

    [Fact]
    public async Task A_class_attribute_overrides_the_default_collection_age()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe, configure: b => b
            .WithConfiguration("Runtime:Collection:CollectionAge", TimeSpan.FromHours(1))
            .WithConfiguration("Runtime:Collection:CollectionQuantum", TimeSpan.FromMilliseconds(100)));

        await cluster.Client.GetGrain<IQuickCollectGrain>("quick").Ping();
        await cluster.Client.GetGrain<ILifecycleGrain>("slow").Ping();
        await probe.WaitForCountAsync("deactivated", "quick", 1);

        // The default-age grain (one hour) is still active when the short-age one has gone.
        Assert.Empty(probe.Of("deactivated", "slow"));
        Assert.Equal(1, cluster.Primary.ActivationCount);
    }

    [Fact]
    public async Task A_graceful_stop_deactivates_every_grain()
    {
        var probe = new TestProbe();
        var cluster = await TestClusters.StartAsync(probe);
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => cluster.Client.GetGrain<ILifecycleGrain>($"g{i}").Ping()));

        await cluster.StopSiloAsync(cluster.Primary);

        Assert.Equal(10, probe.Events.Count(e => e.Kind == "deactivated" && e.Detail == nameof(DeactivationReason.ShuttingDown)));
    }

    [Fact]
    public async Task A_killed_silo_runs_no_grain_code()
    {
        var probe = new TestProbe();
        var cluster = await TestClusters.StartAsync(probe);
        await cluster.Client.GetGrain<ILifecycleGrain>("crash").Ping();

        await cluster.KillSiloAsync(cluster.Primary);

        Assert.Empty(probe.Of("deactivated", "crash"));
        Assert.Empty(cluster.Silos);
    }
}
