using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace PacificEdge.Silo.Health;

/// <summary>
/// Ready only while this silo is Active and the host is not stopping: from the moment SIGTERM arrives
/// the probe answers 503, so the load balancer drains the pod while Orleans hands its grains over.
/// </summary>
public sealed class SiloHealthCheck(ISiloStatusOracle oracle, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = oracle.CurrentStatus;
        return Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("Silo is shutting down.")
            : status == SiloStatus.Active
                ? HealthCheckResult.Healthy("Silo is Active.")
                : HealthCheckResult.Unhealthy($"Silo is {status}."));
    }
}
