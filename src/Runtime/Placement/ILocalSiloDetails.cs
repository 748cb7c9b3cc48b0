namespace PacificEdge.Runtime.Placement;

/// <summary>This silo's identity.</summary>
public interface ILocalSiloDetails
{
    /// <summary>This silo's address: in a cluster, the one registered in the membership table (set when the silo joins).</summary>
    SiloAddress Address { get; }
}
