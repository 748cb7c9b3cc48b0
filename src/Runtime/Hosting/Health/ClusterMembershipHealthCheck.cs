using Microsoft.Extensions.Diagnostics.HealthChecks;
using PacificEdge.Runtime.Clustering;

namespace PacificEdge.Runtime.Hosting.Health;

/// <summary>Ready once cluster membership has been read and lists at least one Active silo (a grain client can place calls).</summary>
public sealed class ClusterMembershipHealthCheck(IClusterMembership membership) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var view = membership.Current;
        return Task.FromResult(view switch
        {
            { IsLoaded: false } => HealthCheckResult.Unhealthy("Cluster membership not loaded yet."),
            { ActiveSilos.Count: 0 } => HealthCheckResult.Unhealthy("No active silo in the cluster."),
            _ => HealthCheckResult.Healthy($"{view.ActiveSilos.Count} active silos."),
        });
    }
}
