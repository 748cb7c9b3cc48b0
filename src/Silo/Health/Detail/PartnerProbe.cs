using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PacificEdge.Silo.Health.Detail;

/// <summary>The shared shape of the partner checks: sandbox is healthy by definition, a live partner must accept a TCP connection.</summary>
public static class PartnerProbe
{
    public static HealthCheckResult Sandbox(string what)
        => HealthCheckResult.Healthy($"{what}: sandbox (nothing leaves the process).", new Dictionary<string, object> { ["mode"] = "sandbox" });

    public static async Task<HealthCheckResult> LiveAsync(string what, string mode, Uri endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var failure = await TcpReachability.ProbeAsync(endpoint.Host, endpoint.Port, timeout, cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["mode"] = mode,
            ["connectMilliseconds"] = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1),
        };
        // The host is shown (admins only), never credentials.
        return failure is null
            ? HealthCheckResult.Healthy($"{what}: {endpoint.Host}:{endpoint.Port} reachable.", data)
            : HealthCheckResult.Unhealthy($"{what}: {endpoint.Host}:{endpoint.Port} unreachable ({failure}).", data: data);
    }
}
