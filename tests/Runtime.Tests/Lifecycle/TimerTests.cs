using PacificEdge.Runtime.Tests.Support;
using PacificEdge.Runtime.Tests.TestGrains;

namespace PacificEdge.Runtime.Tests.Lifecycle;

public sealed class TimerTests
{
    [Fact]
    public async Task Timer_ticks_run_as_turns_and_stop_when_the_activation_deactivates()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe);
        var grain = cluster.Client.GetGrain<ILifecycleGrain>("ticker");

        await grain.StartTimer(TimeSpan.FromMilliseconds(20));
        // Calls interleave with ticks; neither overlaps the other.
        for (var i = 0; i < 20; i++)
        {
            await grain.Ping();
        }

        await probe.WaitForCountAsync("timer", "ticker", 5);
        Assert.True(await grain.TimerTicks() >= 5);
        Assert.Empty(probe.Of("overlap", "ticker"));

        await cluster.StopSiloAsync(cluster.Primary);
        var ticksAtStop = probe.Of("timer", "ticker").Count;
        // A second grain's timer proves time moved on while the first stayed stopped.
        var restarted = await cluster.StartSiloAsync();
        await restarted.GrainFactory.GetGrain<ILifecycleGrain>("witness").StartTimer(TimeSpan.FromMilliseconds(20));
        await probe.WaitForCountAsync("timer", "witness", 5);

        Assert.Equal(ticksAtStop, probe.Of("timer", "ticker").Count);
    }
}
