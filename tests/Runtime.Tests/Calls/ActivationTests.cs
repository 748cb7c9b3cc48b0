using PacificEdge.Runtime.References;
using PacificEdge.Runtime.Tests.Support;
using PacificEdge.Runtime.Tests.TestGrains;

namespace PacificEdge.Runtime.Tests.Calls;

public sealed class ActivationTests
{
    [Fact]
    public async Task First_call_activates_and_the_same_key_reaches_the_same_activation()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe);

        var grain = cluster.Client.GetGrain<ILifecycleGrain>("a");
        Assert.Empty(probe.Of("activated", "a"));

        await grain.Ping();
        await cluster.Client.GetGrain<ILifecycleGrain>("a").Ping();

        Assert.Single(probe.Of("activated", "a"));
        Assert.Equal(1, cluster.Primary.ActivationCount);
    }

    [Fact]
    public async Task Same_key_same_activation_and_different_keys_different_activations()
    {
        await using var cluster = await TestClusters.StartAsync();

        var first = await cluster.Client.GetGrain<ICounterGrain>("k1").GetActivationId();
        var again = await cluster.Client.GetGrain<ICounterGrain>("k1").GetActivationId();
        var other = await cluster.Client.GetGrain<ICounterGrain>("k2").GetActivationId();

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task A_reference_is_an_id_without_io_and_can_be_passed_in_calls()
    {
        await using var cluster = await TestClusters.StartAsync();

        // No activation happens for a reference that is never called, even of an unimplemented interface.
        var orphan = cluster.Client.GetGrain<IOrphanGrain>("nobody");
        Assert.Equal(new GrainId(typeof(IOrphanGrain).FullName!, "nobody"), ((GrainReference)(object)orphan).GrainId);
        Assert.Equal(0, cluster.Primary.ActivationCount);

        var counter = cluster.Client.GetGrain<ICounterGrain>("shared");
        var echo = cluster.Client.GetGrain<IEchoGrain>("caller");
        Assert.Equal("1", await echo.CallOther(counter));
        Assert.Equal("2", await echo.CallOther(counter));
        Assert.Equal(2, await counter.Get());
        Assert.Equal(cluster.Client.GetGrain<ICounterGrain>("shared"), counter);
    }

    [Fact]
    public async Task Turns_are_serialised_so_a_thousand_concurrent_increments_count_a_thousand()
    {
        await using var cluster = await TestClusters.StartAsync();
        var grain = cluster.Client.GetGrain<ICounterGrain>("busy");

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => grain.Increment())));

        Assert.Equal(1000, await grain.Get());
    }

    [Fact]
    public async Task ValueTask_methods_work()
    {
        await using var cluster = await TestClusters.StartAsync();
        Assert.Equal(5, await cluster.Client.GetGrain<IEchoGrain>("vt").ValueTaskAdd(2, 3));
    }
}
