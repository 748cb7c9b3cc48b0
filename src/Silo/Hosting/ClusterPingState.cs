namespace PacificEdge.Silo.Hosting;

/// <summary>State of a <see cref="ClusterPingGrain"/>.</summary>
public sealed class ClusterPingState
{
    public long Count { get; set; }
}
