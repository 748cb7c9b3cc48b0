namespace PacificEdge.Runtime.Placement;

/// <summary>Decides which silo owns a grain. The same answer on every silo and client for the same membership view.</summary>
public interface IPlacementDirector
{
    /// <summary>The silo that should host the grain.</summary>
    /// <exception cref="SiloUnavailableException">No silo is active.</exception>
    SiloAddress GetOwner(GrainId grainId);

    /// <summary>Whether this process hosts the grain.</summary>
    bool IsLocal(GrainId grainId);

    /// <summary>
    /// Where a caller sends a call for the grain: its owner, or a silo that is shutting down and may
    /// still host it (that silo serves or forwards the call). Defaults to <see cref="GetOwner"/>.
    /// </summary>
    /// <exception cref="SiloUnavailableException">No silo can take calls.</exception>
    SiloAddress GetRoute(GrainId grainId) => GetOwner(grainId);
}
