using PacificEdge.Runtime.Tests.Support;
using PacificEdge.Runtime.Tests.TestGrains;

namespace PacificEdge.Runtime.Tests.Calls;

public sealed class BadInputTests
{
    [Fact]
    public async Task An_interface_no_grain_class_implements_fails_the_call_naming_it()
    {
        await using var cluster = await TestClusters.StartAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.Client.GetGrain<IOrphanGrain>("x").Ping());

        Assert.Contains(typeof(IOrphanGrain).FullName!, error.Message);
    }

    [Fact]
    public async Task A_type_that_is_not_a_grain_interface_is_rejected_at_GetGrain()
    {
        await using var cluster = await TestClusters.StartAsync();

        var notInterface = Assert.Throws<ArgumentException>(() => cluster.Client.GetGrain(typeof(string), "x"));
        Assert.Contains("System.String is not a grain interface", notInterface.Message);

        var sync = Assert.Throws<ArgumentException>(() => cluster.Client.GetGrain<ISyncGrain>("x"));
        Assert.Contains("ISyncGrain.Get", sync.Message);

        var overload = Assert.Throws<ArgumentException>(() => cluster.Client.GetGrain<IOverloadGrain>("x"));
        Assert.Contains("more than one method named Do", overload.Message);
    }

    [Fact]
    public async Task Null_or_empty_keys_are_rejected()
    {
        await using var cluster = await TestClusters.StartAsync();

        Assert.Throws<ArgumentNullException>(() => cluster.Client.GetGrain<ICounterGrain>(null!));
        Assert.Throws<ArgumentException>(() => cluster.Client.GetGrain<ICounterGrain>(""));
    }

    [Fact]
    public async Task A_parameter_type_that_cannot_be_serialised_is_rejected_naming_the_parameter()
    {
        await using var cluster = await TestClusters.StartAsync();

        var error = Assert.Throws<ArgumentException>(() => cluster.Client.GetGrain<IDelegateGrain>("x"));

        Assert.Contains("'callback'", error.Message);
        Assert.Contains("delegates cannot be serialised", error.Message);
    }

    [Fact]
    public async Task An_argument_value_that_cannot_be_serialised_fails_naming_the_argument_and_type()
    {
        await using var cluster = await TestClusters.StartAsync();
        var grain = cluster.Client.GetGrain<IEchoGrain>("x");

        var error = await Assert.ThrowsAsync<GrainSerializationException>(() => grain.TakeUnserialisable(new Unserialisable("n", () => 1)));

        Assert.Contains("value", error.Message);
        Assert.Contains(nameof(Unserialisable), error.Message);
        Assert.Equal("x", await grain.Echo("x"));
    }
}
