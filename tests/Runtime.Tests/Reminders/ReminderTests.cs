using PacificEdge.Runtime.Tests.Support;
using PacificEdge.Runtime.Tests.TestGrains;
using PacificEdge.Testing;

namespace PacificEdge.Runtime.Tests.Reminders;

/// <summary>Durable reminders on PostgreSQL (R8).</summary>
public sealed class ReminderTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task A_periodic_reminder_fires_repeatedly()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe, database.ConnectionString);

        await cluster.Client.GetGrain<IReminderTestGrain>("periodic").StartPeriodic("beat", TimeSpan.Zero, Period);

        var ticks = (await probe.WaitForCountAsync("tick", "periodic/beat", 3)).Where(e => e.Key == "periodic/beat").ToList();
        Assert.All(ticks, t => Assert.Equal(Period, t.Tick!.Value.Period));
        Assert.True(ticks[2].Tick!.Value.CurrentTickTime > ticks[1].Tick!.Value.CurrentTickTime);
    }

    [Fact]
    public async Task A_one_shot_reminder_fires_once_and_is_then_gone()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe, database.ConnectionString);
        var grain = cluster.Client.GetGrain<IReminderTestGrain>("oneshot");

        await grain.StartOneShot("expire", DateTimeOffset.UtcNow.AddMilliseconds(100));
        await probe.WaitForCountAsync("tick", "oneshot/expire", 1);
        // A later reminder on the same silo proves the poller went round several more times.
        await grain.StartOneShot("sentinel", DateTimeOffset.UtcNow.AddMilliseconds(500));
        await probe.WaitForCountAsync("tick", "oneshot/sentinel", 1);

        Assert.Single(probe.Of("tick", "oneshot/expire"));
        Assert.Null(probe.Of("tick", "oneshot/expire")[0].Tick!.Value.Period);
        Assert.False(await grain.Has("expire"));
    }

    [Fact]
    public async Task A_reminder_that_fell_due_while_the_silo_was_down_fires_once_after_restart()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe, database.ConnectionString);
        var grain = cluster.Client.GetGrain<IReminderTestGrain>("downtime");
        // Due far enough ahead that the graceful stop below surely completes first.
        var dueAt = DateTimeOffset.UtcNow.AddSeconds(1.5);
        await grain.StartOneShot("expire-order", dueAt);
        await grain.StartPeriodic("periodic", dueAt - DateTimeOffset.UtcNow, Period);

        await cluster.StopSiloAsync(cluster.Primary);
        // The silo stays down across the due time and several periods.
        await WaitUntilAsync(dueAt + 4 * Period);
        var restartedAt = DateTimeOffset.UtcNow;
        await cluster.StartSiloAsync();

        await probe.WaitForCountAsync("tick", "downtime/expire-order", 1);
        var periodic = (await probe.WaitForCountAsync("tick", "downtime/periodic", 2)).Where(e => e.Key == "downtime/periodic").ToList();
        await cluster.Client.GetGrain<IReminderTestGrain>("downtime").StartOneShot("sentinel", DateTimeOffset.UtcNow.AddMilliseconds(300));
        await probe.WaitForCountAsync("tick", "downtime/sentinel", 1);

        Assert.Single(probe.Of("tick", "downtime/expire-order"));
        Assert.Equal(dueAt.ToUnixTimeMilliseconds(), probe.Of("tick", "downtime/expire-order")[0].Tick!.Value.CurrentTickTime.ToUnixTimeMilliseconds());
        // The missed periods collapse into one catch-up tick; the next is on the grid after the restart.
        Assert.True(periodic[0].Tick!.Value.CurrentTickTime < restartedAt);
        Assert.True(periodic[1].Tick!.Value.CurrentTickTime > restartedAt);
    }

    [Fact]
    public async Task A_handler_that_throws_is_retried_until_it_succeeds()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe, database.ConnectionString);
        var grain = cluster.Client.GetGrain<IReminderTestGrain>("flaky");
        await grain.FailNextTicks(2);

        await grain.StartOneShot("capture", DateTimeOffset.UtcNow);

        await probe.WaitForCountAsync("tick", "flaky/capture", 1);
        var failed = probe.Of("tick-failed", "flaky/capture");
        Assert.Equal([1, 2], failed.Select(e => e.Tick!.Value.Attempt));
        Assert.Equal(3, probe.Of("tick", "flaky/capture")[0].Tick!.Value.Attempt);
        Assert.False(await grain.Has("capture"));
    }

    [Fact]
    public async Task Unregister_stops_a_reminder()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe, database.ConnectionString);
        var grain = cluster.Client.GetGrain<IReminderTestGrain>("stopper");
        await grain.StartPeriodic("beat", TimeSpan.Zero, Period);
        await probe.WaitForCountAsync("tick", "stopper/beat", 1);

        await grain.Stop("beat");
        var countAtStop = probe.Of("tick", "stopper/beat").Count;
        await grain.StartOneShot("sentinel", DateTimeOffset.UtcNow + 3 * Period);
        await probe.WaitForCountAsync("tick", "stopper/sentinel", 1);

        Assert.False(await grain.Has("beat"));
        // At most a tick already being delivered when Stop ran can still land.
        Assert.InRange(probe.Of("tick", "stopper/beat").Count, countAtStop, countAtStop + 1);
    }

    [Fact]
    public async Task Reminders_survive_a_silo_restart()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe, database.ConnectionString);
        await cluster.Client.GetGrain<IReminderTestGrain>("durable").StartPeriodic("beat", TimeSpan.Zero, Period);
        await probe.WaitForCountAsync("tick", "durable/beat", 1);

        await cluster.RestartSiloAsync(cluster.Primary);
        var restartedAt = DateTimeOffset.UtcNow;

        await probe.WaitForAsync(e => e.Any(x => x.Key == "durable/beat" && x.At > restartedAt), "a tick after the restart");
        Assert.True(await cluster.Client.GetGrain<IReminderTestGrain>("durable").Has("beat"));
    }

    [Fact]
    public async Task A_period_below_the_minimum_is_rejected_with_a_clear_error()
    {
        await using var cluster = await TestClusters.StartAsync(postgres: database.ConnectionString);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => cluster.Client.GetGrain<IReminderTestGrain>("too-fast").StartPeriodic("beat", TimeSpan.Zero, TimeSpan.FromMilliseconds(10)));

        Assert.Contains("MinimumReminderPeriod", error.Message);
    }

    /// <summary>Waits for wall-clock time to pass a point (the thing under test is what happens after it).</summary>
    private static async Task WaitUntilAsync(DateTimeOffset moment)
    {
        var remaining = moment - DateTimeOffset.UtcNow;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }
    }
}
