using System.Collections.Concurrent;
using PacificEdge.Runtime.Placement;

namespace PacificEdge.Runtime.Tests.Support;

/// <summary>Which silos' heartbeats a <see cref="FaultyMembershipTable"/> drops; shared by every silo of a test cluster.</summary>
public sealed class HeartbeatBlocker
{
    private readonly ConcurrentDictionary<SiloAddress, bool> _blocked = new();

    /// <summary>Drops the silo's heartbeats; with <paramref name="partition"/> its table reads fail too.</summary>
    public void Block(SiloAddress silo, bool partition = false) => _blocked[silo] = partition;

    public bool IsBlocked(SiloAddress silo) => _blocked.ContainsKey(silo);

    public bool IsPartitioned(SiloAddress silo) => _blocked.TryGetValue(silo, out var partitioned) && partitioned;
}
