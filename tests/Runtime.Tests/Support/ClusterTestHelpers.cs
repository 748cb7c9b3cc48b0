using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PacificEdge.Runtime.Clustering;
using PacificEdge.Runtime.Placement;
using PacificEdge.Runtime.Testing;
using PacificEdge.Runtime.Tests.TestGrains;

namespace PacificEdge.Runtime.Tests.Support;

public static class ClusterTestHelpers
{
    /// <summary>A clustered test cluster over PostgreSQL with <paramref name="silos"/> silos.</summary>
    public static Task<TestCluster> StartClusterAsync(string postgres, int silos, TestProbe? probe = null, Action<TestClusterBuilder>? configure = null)
        => TestClusters.StartAsync(probe, postgres, b =>
        {
            b.UseClustering().WithSilos(silos);
            configure?.Invoke(b);
        });

    /// <summary>Installs a <see cref="FaultyMembershipTable"/> over PostgreSQL in every silo.</summary>
    public static TestClusterBuilder WithHeartbeatBlocker(this TestClusterBuilder builder, HeartbeatBlocker blocker)
        => builder.ConfigureServices(s => s.AddSingleton<IMembershipTable>(sp =>
            new FaultyMembershipTable(new PostgresMembershipTable(sp.GetRequiredService<NpgsqlDataSource>()), blocker, sp.GetRequiredService<ILocalSiloDetails>())));

    /// <summary>Keys of <paramref name="count"/> grains that the cluster places on <paramref name="silo"/>.</summary>
    public static async Task<List<string>> KeysOnAsync(TestCluster cluster, TestSilo silo, int count, string prefix)
    {
        var keys = new List<string>();
        for (var i = 0; keys.Count < count; i++)
        {
            var key = $"{prefix}-{i}";
            if (await cluster.Client.GetGrain<IClusterTestGrain>(key).WhereAmI() == silo.Address.ToString())
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    /// <summary>Waits until the given membership view (refreshed as it waits) satisfies the condition.</summary>
    public static Task WaitForViewAsync(IServiceProvider services, Func<MembershipSnapshot, bool> condition, string what)
        => WaitForAsync(async () => condition(await services.GetRequiredService<IClusterMembership>().RefreshAsync()), what);

    /// <summary>Waits until a condition holds, checking every 100 ms; fails after the timeout.</summary>
    public static async Task WaitForAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            try
            {
                await Task.Delay(100, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("Timed out waiting for " + what);
            }
        }
    }
}
