using PacificEdge.Runtime;
using PacificEdge.Runtime.Placement;

namespace PacificEdge.Silo.Hosting;

/// <summary>Counts pings in PostgreSQL; hosted by every silo process.</summary>
public sealed class ClusterPingGrain(ILocalSiloDetails silo, [PersistentState("ping")] IPersistentState<ClusterPingState> state) : Grain, IClusterPingGrain
{
    public async Task<ClusterPing> Ping()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return new ClusterPing(GetPrimaryKeyString(), state.State.Count, silo.Address.ToString());
    }
}
