namespace PacificEdge.Runtime.Placement;

/// <summary>Where a silo listens, and which incarnation of it this is.</summary>
/// <param name="Host">Host name or IP address.</param>
/// <param name="Port">Silo-to-silo port (0 for a silo that takes no remote calls).</param>
/// <param name="Generation">Distinguishes restarts of the same endpoint.</param>
public sealed record SiloAddress(string Host, int Port, long Generation)
{
    /// <inheritdoc />
    public override string ToString() => $"{Host}:{Port}@{Generation}";
}
