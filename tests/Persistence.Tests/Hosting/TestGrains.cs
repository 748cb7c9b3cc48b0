using Orleans;
using Orleans.Runtime;

namespace PacificEdge.Persistence.Tests.Hosting;

/// <summary>Grain state of the test grains: one counter and the values added to it.</summary>
[GenerateSerializer, Alias("test-counter-state")]
public sealed class CounterState
{
    [Id(0)] public int Total { get; set; }
    [Id(1)] public List<string> Entries { get; set; } = [];
}

/// <summary>Adds to a persistent counter named "counter" in storage <see cref="StorageName"/>.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    const string StorageName = "store";

    Task<int> Add(string entry, int amount);

    Task<CounterState> Get();
}

[Alias("test-counter-a")]
public interface ICounterAGrain : ICounterGrain;

[Alias("test-counter-b")]
public interface ICounterBGrain : ICounterGrain;

public abstract class CounterGrainBase(IPersistentState<CounterState> state) : Grain
{
    public async Task<int> Add(string entry, int amount)
    {
        state.State.Total += amount;
        state.State.Entries.Add(entry);
        await state.WriteStateAsync();
        return state.State.Total;
    }

    public Task<CounterState> Get() => Task.FromResult(state.State);
}

// Two grain types with the same key and the same state name must never share a row.
[GrainType("test-counter-a")]
public sealed class CounterAGrain([PersistentState("counter", ICounterGrain.StorageName)] IPersistentState<CounterState> state)
    : CounterGrainBase(state), ICounterAGrain;

[GrainType("test-counter-b")]
public sealed class CounterBGrain([PersistentState("counter", ICounterGrain.StorageName)] IPersistentState<CounterState> state)
    : CounterGrainBase(state), ICounterBGrain;

public sealed class ProbeState
{
    public int Ticks { get; set; }
}

/// <summary>Registers a 1 s reminder and counts its ticks in persistent state.</summary>
[Alias("test-reminder-probe")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task Start();

    Task Stop();

    Task<int> Ticks();
}

[GrainType("test-reminder-probe")]
public sealed class ReminderProbeGrain([PersistentState("probe", ICounterGrain.StorageName)] IPersistentState<ProbeState> state)
    : Grain, IReminderProbeGrain, IRemindable
{
    public async Task Start()
    {
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder("tick", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public async Task Stop()
    {
        if (await this.GetReminder("tick") is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task<int> Ticks() => Task.FromResult(state.State.Ticks);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks++;
        await state.WriteStateAsync();
    }
}
