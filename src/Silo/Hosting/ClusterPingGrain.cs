using Orleans.Runtime;
using PacificEdge.Grains.Common;

namespace PacificEdge.Silo.Hosting;

/// <summary>Counts pings in PostgreSQL; hosted by every silo process.</summary>
[GrainType("diag-ping")]
public sealed class ClusterPingGrain(ILocalSiloDetails silo, [PersistentState("ping", CommerceStorage.Name)] IPersistentState<ClusterPingState> state) : Grain, IClusterPingGrain
{
    public async Task<ClusterPing> Ping()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return new ClusterPing(this.GetPrimaryKeyString(), state.State.Count, silo.SiloAddress.ToString());
    }
}
