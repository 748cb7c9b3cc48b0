using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using PacificEdge.Persistence.Tests.Support;

namespace PacificEdge.Persistence.Tests.Storage;

/// <summary>A state's wake-up time is stored with it in the same write, and found once it has passed.</summary>
public sealed class GrainWakeUpsTests(MigratedDatabaseFixture database) : IClassFixture<MigratedDatabaseFixture>
{
    private readonly string serviceId = $"svc-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_passed_wake_up_time_is_found_a_future_or_cleared_one_is_not_and_other_services_stay_apart()
    {
        var now = DateTimeOffset.UtcNow;
        var storage = new PostgresGrainStorage("store", database.DataSource, Cluster(serviceId));
        var due = GrainId.Create("order", "o-due");
        var later = GrainId.Create("order", "o-later");
        var cleared = GrainId.Create("order", "o-cleared");
        var plain = GrainId.Create("order", "o-plain");
        await storage.WriteStateAsync("order", due, new GrainState<WakingState>(new WakingState { WakeUpAt = now.AddMinutes(-1) }));
        await storage.WriteStateAsync("order", later, new GrainState<WakingState>(new WakingState { WakeUpAt = now.AddMinutes(10) }));
        var clearedState = new GrainState<WakingState>(new WakingState { WakeUpAt = now.AddMinutes(-2) });
        await storage.WriteStateAsync("order", cleared, clearedState);
        clearedState.State.WakeUpAt = null;
        await storage.WriteStateAsync("order", cleared, clearedState);
        await storage.WriteStateAsync("order", plain, new GrainState<ValueState>(new ValueState { Value = "no wake-up" }));
        // Another service's due grain is not this service's work.
        var other = new PostgresGrainStorage("store", database.DataSource, Cluster($"other-{serviceId}"));
        await other.WriteStateAsync("order", GrainId.Create("order", "o-other"), new GrainState<WakingState>(new WakingState { WakeUpAt = now.AddMinutes(-5) }));

        var found = await new GrainWakeUps(database.DataSource, Cluster(serviceId)).DueAsync(now, 100, CancellationToken.None);

        Assert.Equal([due], found);
        Assert.Equal(2, (await new GrainWakeUps(database.DataSource, Cluster(serviceId)).DueAsync(now.AddMinutes(11), 100, CancellationToken.None)).Count);
    }

    private static IOptions<ClusterOptions> Cluster(string service) => Options.Create(new ClusterOptions { ServiceId = service, ClusterId = "c" });

    public sealed class WakingState : IHasWakeUpTime
    {
        public DateTimeOffset? WakeUpAt { get; set; }
    }
}
