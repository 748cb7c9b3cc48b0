namespace PacificEdge.Runtime.Placement;

/// <summary>This silo's address; the generation is the start time so a restarted silo is a new incarnation.</summary>
internal sealed class LocalSiloDetails(TimeProvider timeProvider) : ILocalSiloDetails
{
    public SiloAddress Address { get; } = new(Environment.MachineName, 0, timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
}
