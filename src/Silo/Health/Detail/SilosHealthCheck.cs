using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace PacificEdge.Silo.Health.Detail;

/// <summary>The cluster as Orleans' management grain sees it: how many silos are active, and any in another state.</summary>
public sealed class SilosHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false).WaitAsync(cancellationToken);
        var active = hosts.Count(h => h.Value == SiloStatus.Active);
        var data = new Dictionary<string, object>
        {
            ["active"] = active,
            ["other"] = hosts.Where(h => h.Value is not (SiloStatus.Active or SiloStatus.Dead)).Select(h => $"{h.Key}: {h.Value}").ToList(),
        };
        return active == 0
            ? HealthCheckResult.Unhealthy("No active silo.", data: data)
            : hosts.Any(h => h.Value is SiloStatus.Joining or SiloStatus.ShuttingDown or SiloStatus.Stopping)
                ? HealthCheckResult.Degraded($"{active} active silos; others joining or stopping.", data: data)
                : HealthCheckResult.Healthy($"{active} active silos.", data);
    }
}
