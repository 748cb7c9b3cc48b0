using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PacificEdge.Runtime.Testing;

namespace PacificEdge.Runtime.Tests.Support;

/// <summary>Test clusters hosting the test grains, with intervals short enough for tests.</summary>
public static class TestClusters
{
    public static TestClusterBuilder Builder(TestProbe? probe = null, string? postgres = null)
    {
        var builder = new TestClusterBuilder()
            .AddGrainsFromAssembly(typeof(TestClusters).Assembly)
            .ConfigureServices(s => s.AddSingleton(probe ?? new TestProbe()))
            .ConfigureServices(s => s.TryAddSingleton(new RaceGate()))
            .WithConfiguration("Runtime:Reminders:MinimumReminderPeriod", TimeSpan.FromMilliseconds(200))
            .WithConfiguration("Runtime:Reminders:PollInterval", TimeSpan.FromMilliseconds(50))
            .WithConfiguration("Runtime:Reminders:RetryInitialBackoff", TimeSpan.FromMilliseconds(100))
            .WithConfiguration("Runtime:Reminders:RetryMaxBackoff", TimeSpan.FromSeconds(1))
            .WithConfiguration("Runtime:Silo:ShutdownTimeout", TimeSpan.FromSeconds(10));
        return postgres is null ? builder : builder.UsePostgres(postgres);
    }

    public static async Task<TestCluster> StartAsync(TestProbe? probe = null, string? postgres = null, Action<TestClusterBuilder>? configure = null)
    {
        var builder = Builder(probe, postgres);
        configure?.Invoke(builder);
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
