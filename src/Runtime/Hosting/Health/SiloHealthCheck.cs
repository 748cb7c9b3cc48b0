using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PacificEdge.Runtime.Hosting.Health;

/// <summary>Ready only while the silo is Active (not while joining or shutting down), so a load balancer drains it on SIGTERM.</summary>
public sealed class SiloHealthCheck(SiloLifetime lifetime) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => Task.FromResult(lifetime.Status == SiloStatus.Active
            ? HealthCheckResult.Healthy("Silo is Active.")
            : HealthCheckResult.Unhealthy($"Silo is {lifetime.Status}."));
}
