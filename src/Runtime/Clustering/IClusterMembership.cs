namespace PacificEdge.Runtime.Clustering;

/// <summary>This process's view of the cluster (silos and grain clients both have one).</summary>
public interface IClusterMembership
{
    /// <summary>The last read of the membership table.</summary>
    MembershipSnapshot Current { get; }

    /// <summary>Re-reads the table now. Concurrent callers share one read that starts after they asked.</summary>
    Task<MembershipSnapshot> RefreshAsync(CancellationToken cancellationToken = default);
}
