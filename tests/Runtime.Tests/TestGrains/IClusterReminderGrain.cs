using PacificEdge.Runtime.Placement;
using PacificEdge.Runtime.Tests.Support;

namespace PacificEdge.Runtime.Tests.TestGrains;

[GrainType("test-cluster-reminder")]
public interface IClusterReminderGrain : IGrainWithStringKey
{
    Task<string> Start(TimeSpan period);
}

/// <summary>Records each tick with the silo it fired on.</summary>
public sealed class ClusterReminderGrain(ILocalSiloDetails silo, TestProbe probe) : Grain, IClusterReminderGrain, IRemindable
{
    public async Task<string> Start(TimeSpan period)
    {
        await RegisterOrUpdateReminder("beat", TimeSpan.Zero, period);
        return silo.Address.ToString();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        probe.Record("cluster-tick", GetPrimaryKeyString(), silo.Address.ToString(), status);
        return Task.CompletedTask;
    }
}
