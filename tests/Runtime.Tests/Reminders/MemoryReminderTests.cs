using PacificEdge.Runtime.Reminders;
using PacificEdge.Runtime.Tests.Support;
using PacificEdge.Runtime.Tests.TestGrains;

namespace PacificEdge.Runtime.Tests.Reminders;

public sealed class MemoryReminderTests
{
    [Fact]
    public async Task In_memory_reminders_deliver_one_shot_ticks()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe);

        await cluster.Client.GetGrain<IReminderTestGrain>("mem").StartOneShot("once", DateTimeOffset.UtcNow);

        await probe.WaitForCountAsync("tick", "mem/once", 1);
        Assert.False(await cluster.Client.GetGrain<IReminderTestGrain>("mem").Has("once"));
    }

    [Theory]
    [InlineData(0, 0, 10)]      // due now: next is one period later
    [InlineData(0, 25, 30)]     // 2.5 periods late: skip the missed ones
    [InlineData(0, 30, 40)]     // exactly on a tick: strictly after now
    public void Next_tick_collapses_missed_periods(int dueSeconds, int nowSeconds, int expectedSeconds)
    {
        var origin = DateTimeOffset.UnixEpoch;
        var next = ReminderService.NextTick(origin.AddSeconds(dueSeconds), TimeSpan.FromSeconds(10), origin.AddSeconds(nowSeconds));
        Assert.Equal(origin.AddSeconds(expectedSeconds), next);
    }
}
