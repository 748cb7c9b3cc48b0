namespace PacificEdge.Runtime.Placement;

/// <summary>This silo's identity.</summary>
public interface ILocalSiloDetails
{
    /// <summary>This silo's address.</summary>
    SiloAddress Address { get; }
}
