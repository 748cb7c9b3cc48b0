namespace PacificEdge.Silo.Hosting;

/// <summary>A diagnostic grain behind <c>POST /cluster/ping/{key}</c>: proves a process can reach a grain and that its state survives failover.</summary>
[Alias("diag-ping")]
public interface IClusterPingGrain : IGrainWithStringKey
{
    /// <summary>Counts the ping in persisted state and says where it ran.</summary>
    Task<ClusterPing> Ping();
}
