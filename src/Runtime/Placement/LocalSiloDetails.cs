namespace PacificEdge.Runtime.Placement;

/// <summary>
/// This silo's address. Provisional (port 0, generation from the start time) until a clustered
/// silo has bound its silo port and joined the membership table, which assigns the generation.
/// </summary>
internal sealed class LocalSiloDetails(TimeProvider timeProvider) : ILocalSiloDetails
{
    private SiloAddress _address = new(Environment.MachineName, 0, timeProvider.GetUtcNow().ToUnixTimeMilliseconds());

    public SiloAddress Address => Volatile.Read(ref _address);

    internal void SetAddress(SiloAddress address) => Volatile.Write(ref _address, address);
}
