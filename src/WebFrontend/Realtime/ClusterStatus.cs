using Orleans;
using Orleans.Runtime;

namespace PacificEdge.WebFrontend.Realtime;

/// <summary>
/// Silos and activations for the dashboard, from Orleans' management grain: the same answer from a
/// co-hosted process and from a web process that only holds a client (never SQL on membership tables).
/// </summary>
public sealed class ClusterStatus(IGrainFactory grains)
{
    public async Task<IReadOnlyList<SiloSummary>> SilosAsync(CancellationToken cancellationToken)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: true).WaitAsync(cancellationToken);
        var statistics = await management.GetSimpleGrainStatistics().WaitAsync(cancellationToken);
        var activations = statistics
            .Where(s => !IsSystemGrain(s.GrainType))
            .GroupBy(s => s.SiloAddress)
            .ToDictionary(g => g.Key, g => (long)g.Sum(s => s.ActivationCount));
        return hosts
            .OrderBy(h => h.SiloName, StringComparer.Ordinal)
            .Select(h => new SiloSummary(
                $"{h.SiloName} ({h.SiloAddress.Endpoint})",
                h.Status.ToString(),
                activations.GetValueOrDefault(h.SiloAddress)))
            .ToList();
    }

    // Orleans' own activations (management, membership, dashboard) are not the store's grains.
    private static bool IsSystemGrain(string grainType)
        => grainType.StartsWith("Orleans", StringComparison.Ordinal) || grainType.StartsWith("sys.", StringComparison.Ordinal);
}

public sealed record SiloSummary(string Name, string Status, long Activations);
