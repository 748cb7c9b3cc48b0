using PacificEdge.Runtime.Hosting;
using PacificEdge.Runtime.Placement;

namespace PacificEdge.Runtime.Clustering;

/// <summary>
/// One read of the membership table, immutable. Placement hashes over <see cref="ActiveSilos"/>;
/// calls are routed over the active and shutting-down silos, so a silo that is draining still
/// receives the calls for the grains it hosts until it has deactivated them.
/// </summary>
public sealed class MembershipSnapshot
{
    /// <summary>Nothing read yet.</summary>
    public static readonly MembershipSnapshot Empty = new([], DateTimeOffset.MinValue, isLoaded: false);

    internal MembershipSnapshot(IReadOnlyList<MembershipEntry> silos, DateTimeOffset readAt, bool isLoaded = true)
    {
        Silos = silos;
        ReadAt = readAt;
        IsLoaded = isLoaded;
        Active = silos.Where(s => s.Status == SiloStatus.Active).Select(s => s.Address).ToArray();
        ActiveHashes = Active.Select(RendezvousHash.Of).ToArray();
        Routable = silos.Where(s => s.Status is SiloStatus.Active or SiloStatus.ShuttingDown).Select(s => s.Address).ToArray();
        RoutableHashes = Routable.Select(RendezvousHash.Of).ToArray();
    }

    /// <summary>Every row of the cluster as read, Dead ones included.</summary>
    public IReadOnlyList<MembershipEntry> Silos { get; }

    /// <summary>The silos that may host grains.</summary>
    public IReadOnlyList<SiloAddress> ActiveSilos => Active;

    /// <summary>When the table was read (this process's clock).</summary>
    public DateTimeOffset ReadAt { get; }

    /// <summary>Whether the table has been read at least once.</summary>
    public bool IsLoaded { get; }

    internal SiloAddress[] Active { get; }

    internal ulong[] ActiveHashes { get; }

    internal SiloAddress[] Routable { get; }

    internal ulong[] RoutableHashes { get; }

    /// <summary>The row of a silo, or <see langword="null"/>.</summary>
    public MembershipEntry? Find(SiloAddress silo) => Silos.FirstOrDefault(s => s.Address == silo);

    /// <summary>Whether two reads agree on who is active or draining (heartbeat times aside).</summary>
    internal bool SameTopology(MembershipSnapshot other)
        => IsLoaded == other.IsLoaded && Active.SequenceEqual(other.Active) && Routable.SequenceEqual(other.Routable);

    /// <inheritdoc />
    public override string ToString()
        => IsLoaded ? string.Join(", ", Silos.Where(s => s.Status != SiloStatus.Dead).Select(s => $"{s.Address} {s.Status}")) : "(not loaded)";
}
