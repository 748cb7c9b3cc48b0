using PacificEdge.Runtime.Clustering;
using PacificEdge.Runtime.Hosting;

namespace PacificEdge.Runtime.Placement;

/// <summary>
/// Clustered placement: rendezvous hashing of the grain id over the Active silos of this
/// process's membership view (see <see cref="RendezvousHash"/>). Calls are routed over the Active
/// and ShuttingDown silos: a draining silo keeps the calls for grains it still hosts, so there is
/// one activation during a graceful handover, and forwards the rest to their new owner.
/// </summary>
/// <param name="membership">The membership view.</param>
/// <param name="local">This silo's address; a grain client passes <see langword="null"/> (it hosts nothing).</param>
/// <param name="lifetime">This silo's lifetime; <see langword="null"/> in a grain client.</param>
internal sealed class ConsistentHashPlacementDirector(MembershipView membership, ILocalSiloDetails? local, SiloLifetime? lifetime) : IPlacementDirector
{
    public SiloAddress GetOwner(GrainId grainId)
    {
        var view = membership.Current;
        var index = RendezvousHash.PickOwner(RendezvousHash.Of(grainId), view.ActiveHashes);
        return index >= 0 ? view.Active[index] : throw NoSilo(grainId, view);
    }

    public SiloAddress GetRoute(GrainId grainId)
    {
        var view = membership.Current;
        var index = RendezvousHash.PickOwner(RendezvousHash.Of(grainId), view.RoutableHashes);
        return index >= 0 ? view.Routable[index] : throw NoSilo(grainId, view);
    }

    public bool IsLocal(GrainId grainId)
    {
        if (local is null || lifetime is not { Status: SiloStatus.Active })
        {
            return false;
        }

        var view = membership.Current;
        var index = RendezvousHash.PickOwner(RendezvousHash.Of(grainId), view.ActiveHashes);
        return index >= 0 && view.Active[index] == local.Address;
    }

    private static SiloUnavailableException NoSilo(GrainId grainId, MembershipSnapshot view) => new(view.IsLoaded
        ? $"No silo is active to host {grainId}."
        : $"Cluster membership has not been read yet; cannot place {grainId}.");
}
