using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

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

    /// <summary>Stops a silo abruptly: nothing is deactivated or flushed.</summary>
    public Task KillSiloAsync(InProcessSiloHandle silo) => cluster.KillSiloAsync(silo);

    /// <summary>Starts one more silo in the cluster.</summary>
    public Task<InProcessSiloHandle> StartSiloAsync() => cluster.StartAdditionalSiloAsync();

    public ValueTask DisposeAsync() => cluster.DisposeAsync();
}
