using Microsoft.Extensions.DependencyInjection;
using PacificEdge.Runtime.Tests.Support;
using PacificEdge.Runtime.Tests.TestGrains;
using PacificEdge.Testing;

namespace PacificEdge.Runtime.Tests.Lifecycle;

/// <summary>Regression tests for defects found in review.</summary>
public sealed class EdgeCaseTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task A_timer_callback_that_stops_itself_and_throws_does_not_stall_the_grain()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe);
        var grain = cluster.Client.GetGrain<ISelfStoppingTimerGrain>("t");

        await grain.Start();
        await probe.WaitForCountAsync("timer-threw", "t", 1);

        Assert.Equal("pong", await grain.Ping());
    }

    [Fact]
    public async Task A_conflict_in_a_called_grain_deactivates_only_that_grain()
    {
        await using var first = await TestClusters.StartAsync(postgres: database.ConnectionString);
        await using var second = await TestClusters.StartAsync(postgres: database.ConnectionString);
        var target = second.Client.GetGrain<IStatefulGrain>("conflicted");
        await target.Add("seed", 1m);
        await first.Client.GetGrain<IStatefulGrain>("conflicted").Add("newer", 1m);
        var caller = second.Client.GetGrain<ICallerGrain>("caller");
        var before = await caller.ActivationId();

        await Assert.ThrowsAsync<InconsistentStateException>(() => caller.AddThrough(target, "stale"));

        Assert.Equal(before, await caller.ActivationId());
    }

    [Fact]
    public async Task A_reference_passed_as_its_base_interface_still_points_at_the_same_grain()
    {
        await using var cluster = await TestClusters.StartAsync();
        IShapeGrain circle = cluster.Client.GetGrain<ICircleGrain>("c1");

        var description = await cluster.Client.GetGrain<IShapeReaderGrain>("reader").Read(circle);

        Assert.Equal("circle c1", description);
    }

    [Fact]
    public async Task Activation_that_exceeds_the_activation_timeout_fails_the_call()
    {
        var probe = new TestProbe();
        var gate = new ActivationGate();
        await using var cluster = await TestClusters.StartAsync(probe, configure: b => b
            .ConfigureServices(s => s.AddSingleton(gate))
            .WithConfiguration("Runtime:Collection:ActivationTimeout", TimeSpan.FromMilliseconds(200)));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => cluster.Client.GetGrain<ISlowActivationGrain>("slow").Touch());

        Assert.Contains("Activation", error.Message);
        Assert.Empty(probe.Of("touched", "slow"));
        gate.Open();
    }

    [Fact]
    public async Task A_killed_silo_does_not_run_a_call_whose_activation_was_in_progress()
    {
        var probe = new TestProbe();
        var gate = new ActivationGate();
        var cluster = await TestClusters.StartAsync(probe, configure: b => b.ConfigureServices(s => s.AddSingleton(gate)));
        var silo = cluster.Primary;
        var call = silo.GrainFactory.GetGrain<ISlowActivationGrain>("killed").Touch();
        await probe.WaitForCountAsync("activating", "killed", 1);

        await cluster.KillSiloAsync(silo);
        gate.Open();

        await Assert.ThrowsAsync<SiloUnavailableException>(() => call);
        Assert.Empty(probe.Of("touched", "killed"));
    }
}
