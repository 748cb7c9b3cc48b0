using PacificEdge.Runtime.Tests.Support;
using PacificEdge.Runtime.Tests.TestGrains;

namespace PacificEdge.Runtime.Tests.Calls;

public sealed class ErrorTests
{
    [Fact]
    public async Task A_grain_exception_reaches_the_caller_with_its_type_and_message_and_the_grain_keeps_working()
    {
        await using var cluster = await TestClusters.StartAsync();
        var grain = cluster.Client.GetGrain<IEchoGrain>("boom");
        var before = await grain.Echo("alive");

        var error = await Assert.ThrowsAsync<TestDomainException>(() => grain.Throw("out of stock: SKU-1"));
        Assert.Equal("out of stock: SKU-1", error.Message);

        var argument = await Assert.ThrowsAsync<ArgumentException>(() => grain.ThrowArgument("quantity must be 1-99"));
        Assert.Equal("quantity must be 1-99", argument.Message);

        Assert.Equal(before, await grain.Echo("alive"));
        Assert.Equal(1, cluster.Primary.ActivationCount);
    }

    [Fact]
    public async Task An_exception_type_outside_the_project_arrives_as_GrainCallException_with_name_and_message()
    {
        await using var cluster = await TestClusters.StartAsync();

        var error = await Assert.ThrowsAsync<GrainCallException>(() => cluster.Client.GetGrain<IEchoGrain>("foreign").ThrowForeign("gateway down"));

        Assert.Equal(typeof(HttpRequestException).FullName, error.OriginalTypeName);
        Assert.Equal("gateway down", error.Message);
    }

    [Fact]
    public async Task A_call_that_never_completes_times_out_after_the_response_timeout()
    {
        await using var cluster = await TestClusters.StartAsync(configure: b => b.WithConfiguration("Runtime:Messaging:ResponseTimeout", TimeSpan.FromMilliseconds(300)));
        var grain = cluster.Client.GetGrain<IEchoGrain>("stuck");

        var error = await Assert.ThrowsAsync<TimeoutException>(() => grain.Hang());

        Assert.Contains("stuck", error.Message);
        Assert.Contains("Hang", error.Message);
    }
}
