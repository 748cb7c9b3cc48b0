using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace PacificEdge.Silo.Health;

/// <summary>A web process is ready once its Orleans client reaches the cluster and it lists at least one Active silo.</summary>
public sealed class ClusterClientHealthCheck(IClusterClient client, IHostApplicationLifetime lifetime) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Shutting down.");
        }

        try
        {
            var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(Timeout, cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silos.")
                : HealthCheckResult.Unhealthy("No active silo in the cluster.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The cluster cannot be reached.", ex);
        }
    }
}
