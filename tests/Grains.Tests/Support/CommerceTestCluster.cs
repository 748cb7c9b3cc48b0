using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.TestingHost;
using PacificEdge.Testing;

namespace PacificEdge.Grains.Tests.Support;

/// <summary>A started commerce test cluster: a client, its silos, and the hooks tests use to stop, kill and restart them.</summary>
public sealed class CommerceTestCluster(InProcessTestCluster cluster) : IAsyncDisposable
{
    public IClusterClient Client => cluster.Client;

    /// <summary>The first silo that is still running.</summary>
    public InProcessSiloHandle Primary => cluster.GetActiveSilos().First();

    public Task DeployAsync() => cluster.DeployAsync();

    /// <summary>A service from the first running silo's container.</summary>
    public T Service<T>() where T : notnull => Primary.SiloHost.Services.GetRequiredService<T>();

    /// <summary>Stops a silo gracefully (grains deactivate, state is kept).</summary>
    public Task StopSiloAsync(InProcessSiloHandle silo) => cluster.StopSiloAsync(silo);

    /// <summary>Stops a silo abruptly: nothing is deactivated or flushed, its membership row stays Active until a peer votes it dead.</summary>
    public Task KillSiloAsync(InProcessSiloHandle silo) => cluster.KillSiloAsync(silo);

    /// <summary>
    /// Starts one more silo and returns once the cluster serves: the membership lists exactly the running
    /// silos as Active (a killed one has been declared dead) and the client reaches them.
    /// </summary>
    public async Task<InProcessSiloHandle> StartSiloAsync()
    {
        var silo = await cluster.StartAdditionalSiloAsync();
        var running = cluster.GetActiveSilos().Select(s => s.SiloAddress).ToHashSet();
        await Eventually.WaitAsync(
            async () =>
            {
                try
                {
                    var hosts = await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
                    return hosts.Keys.ToHashSet().SetEquals(running);
                }
                catch (Exception ex) when (ex is OrleansException or TimeoutException)
                {
                    return false; // the client has not found the new gateway yet
                }
            },
            serving => serving,
            "the restarted cluster to serve the client",
            TimeSpan.FromSeconds(90));
        return silo;
    }

    public ValueTask DisposeAsync() => cluster.DisposeAsync();
}
