using PacificEdge.Runtime.Tests.Support;
using PacificEdge.Runtime.Tests.TestGrains;

namespace PacificEdge.Runtime.Tests.Calls;

public sealed class IsolationTests
{
    [Fact]
    public async Task Mutating_an_argument_after_the_call_does_not_change_grain_state()
    {
        await using var cluster = await TestClusters.StartAsync();
        var grain = cluster.Client.GetGrain<IEchoGrain>("copy");
        var basket = new Basket { Items = ["coa-123"], Total = 12.50m };

        await grain.Store(basket);
        basket.Items.Add("tampered");
        basket.Total = 0m;

        var stored = await grain.Load();
        Assert.Equal(["coa-123"], stored.Items);
        Assert.Equal(12.50m, stored.Total);
    }

    [Fact]
    public async Task Mutating_a_result_does_not_change_grain_state()
    {
        await using var cluster = await TestClusters.StartAsync();
        var grain = cluster.Client.GetGrain<IEchoGrain>("copy-result");
        await grain.Store(new Basket { Items = ["a"], Total = 1m });

        var loaded = await grain.Load();
        loaded.Items.Clear();

        Assert.Equal(["a"], (await grain.Load()).Items);
    }
}
