using PacificEdge.Runtime.Placement;
using PacificEdge.Runtime.Tests.Support;

namespace PacificEdge.Runtime.Tests.TestGrains;

public sealed class SequenceState
{
    public List<int> Sequences { get; set; } = [];
}

/// <summary>Says where it runs, and appends sequence numbers idempotently so callers may safely retry an unknown outcome.</summary>
[GrainType("test-cluster")]
public interface IClusterTestGrain : IGrainWithStringKey
{
    Task<string> WhereAmI();

    Task<Guid> ActivationId();

    /// <summary>Appends the sequence number unless it is already there; returns where it ran.</summary>
    Task<string> Append(int sequence);

    Task<List<int>> Read();

    /// <summary>Holds the turn open for a while, then appends: an in-flight turn during a graceful stop.</summary>
    Task<string> SlowAppend(int sequence, TimeSpan delay);

    /// <summary>Waits at the race gate with the other racer, then appends from the version this activation read.</summary>
    Task<string> RacingAppend(int sequence);
}

public sealed class ClusterTestGrain(
    ILocalSiloDetails silo,
    TestProbe probe,
    RaceGate gate,
    [PersistentState("sequences")] IPersistentState<SequenceState> state) : Grain, IClusterTestGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Record("activated", GetPrimaryKeyString(), silo.Address.ToString());
        return Task.CompletedTask;
    }

    public Task<string> WhereAmI() => Task.FromResult(silo.Address.ToString());

    public Task<Guid> ActivationId() => Task.FromResult(_activationId);

    public async Task<string> Append(int sequence)
    {
        if (!state.State.Sequences.Contains(sequence))
        {
            state.State.Sequences.Add(sequence);
            await state.WriteStateAsync();
        }

        return silo.Address.ToString();
    }

    public Task<List<int>> Read() => Task.FromResult(state.State.Sequences);

    public async Task<string> SlowAppend(int sequence, TimeSpan delay)
    {
        probe.Record("slow-started", GetPrimaryKeyString(), silo.Address.ToString());
        await Task.Delay(delay);
        return await Append(sequence);
    }

    public async Task<string> RacingAppend(int sequence)
    {
        await gate.ArriveAndWaitAsync();
        return await Append(sequence);
    }
}
