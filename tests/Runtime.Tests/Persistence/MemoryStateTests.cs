using PacificEdge.Runtime.Storage;
using PacificEdge.Runtime.Tests.Support;
using PacificEdge.Runtime.Tests.TestGrains;

namespace PacificEdge.Runtime.Tests.Persistence;

/// <summary>The in-memory provider follows the same version rules as PostgreSQL.</summary>
public sealed class MemoryStateTests
{
    [Fact]
    public async Task In_memory_state_survives_deactivation_and_restart_within_the_cluster()
    {
        await using var cluster = await TestClusters.StartAsync();
        var grain = cluster.Client.GetGrain<IStatefulGrain>("m");
        await grain.Add("a", 2m);
        await grain.Deactivate();
        await cluster.RestartSiloAsync(cluster.Primary);

        Assert.Equal(2m, (await cluster.Client.GetGrain<IStatefulGrain>("m").Get()).Balance);
    }

    [Fact]
    public async Task Writes_are_conditional_on_the_etag()
    {
        var storage = new MemoryGrainStorage();
        var id = new GrainId("t", "k");
        var v1 = await storage.WriteAsync(id, "s", "{}"u8.ToArray(), null, default);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(id, "s", "{}"u8.ToArray(), null, default));
        var v2 = await storage.WriteAsync(id, "s", "{\"a\":1}"u8.ToArray(), v1, default);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(id, "s", "{}"u8.ToArray(), v1, default));
        var cleared = await storage.ClearAsync(id, "s", v2, default);

        var record = await storage.ReadAsync(id, "s", default);
        Assert.Null(record!.Payload);
        Assert.Equal(cleared, record.Etag);
    }
}
