using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using PacificEdge.Persistence.Tests.Support;

namespace PacificEdge.Persistence.Tests.Hosting;

/// <summary>PostgresGrainStorage under real grains on an in-process cluster.</summary>
[Collection(OrleansHostsCollection.Name)]
public sealed class GrainStorageClusterTests(MigratedDatabaseFixture database) : IClassFixture<MigratedDatabaseFixture>
{
    private readonly string serviceId = $"svc-{Guid.NewGuid():N}";

    [Fact]
    public async Task Two_grain_types_with_one_key_and_state_name_keep_separate_state_across_a_cluster_restart()
    {
        await using (var cluster = await StartClusterAsync())
        {
            foreach (var key in new[] { "020235", "20235" })
            {
                await cluster.Client.GetGrain<ICounterAGrain>(key).Add($"a-{key}", 1);
                await cluster.Client.GetGrain<ICounterBGrain>(key).Add($"b-{key}", 100);
            }

            await cluster.Client.GetGrain<ICounterAGrain>("020235").Add("a-again", 1);
            Assert.Equal(2, (await cluster.Client.GetGrain<ICounterAGrain>("020235").Get()).Total);
            Assert.Equal(100, (await cluster.Client.GetGrain<ICounterBGrain>("020235").Get()).Total);
        }

        Assert.Equal(4L, await Db.ScalarAsync<long>(database.DataSource,
            "SELECT count(*) FROM grain_storage WHERE service_id = $1 AND state_name = 'counter'", serviceId));

        // A new cluster (new silo process state, same service id, same database) reads what was written.
        await using (var cluster = await StartClusterAsync())
        {
            var a = await cluster.Client.GetGrain<ICounterAGrain>("020235").Get();
            Assert.Equal(2, a.Total);
            Assert.Equal(["a-020235", "a-again"], a.Entries);
            var b = await cluster.Client.GetGrain<ICounterBGrain>("020235").Get();
            Assert.Equal(100, b.Total);
            Assert.Equal(["b-020235"], b.Entries);
            Assert.Equal(1, (await cluster.Client.GetGrain<ICounterAGrain>("20235").Get()).Total);
            Assert.Equal(101, await cluster.Client.GetGrain<ICounterBGrain>("20235").Add("b-more", 1));
        }
    }

    [Fact]
    public async Task The_json_memory_storage_serves_grains_with_the_same_rules()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddJsonMemoryGrainStorage(ICounterGrain.StorageName));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        await cluster.Client.GetGrain<ICounterAGrain>("k").Add("a", 1);
        await cluster.Client.GetGrain<ICounterBGrain>("k").Add("b", 10);
        Assert.Equal(1, (await cluster.Client.GetGrain<ICounterAGrain>("k").Get()).Total);
        Assert.Equal(10, (await cluster.Client.GetGrain<ICounterBGrain>("k").Get()).Total);
    }

    private async Task<InProcessTestCluster> StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddPostgresGrainStorage(ICounterGrain.StorageName);
            silo.Services.Configure<PostgresOptions>(o => o.ConnectionString = database.ConnectionString);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
