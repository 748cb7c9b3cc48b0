namespace PacificEdge.Runtime.Placement;

/// <summary>Placement for one silo: every grain lives here. Clustering replaces it with hashing over active silos.</summary>
internal sealed class SingleSiloPlacementDirector(ILocalSiloDetails local) : IPlacementDirector
{
    public SiloAddress GetOwner(GrainId grainId) => local.Address;

    public bool IsLocal(GrainId grainId) => true;
}
