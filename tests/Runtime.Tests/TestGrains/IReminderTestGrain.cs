using PacificEdge.Runtime.Tests.Support;

namespace PacificEdge.Runtime.Tests.TestGrains;

[GrainType("test-reminder")]
public interface IReminderTestGrain : IGrainWithStringKey
{
    Task StartPeriodic(string name, TimeSpan dueTime, TimeSpan period);

    Task StartOneShot(string name, DateTimeOffset dueAt);

    Task Stop(string name);

    Task<bool> Has(string name);

    Task FailNextTicks(int count);
}

/// <summary>Records every tick in the probe; can be told to throw on its next N ticks.</summary>
public sealed class ReminderTestGrain(TestProbe probe, [PersistentState("failures")] IPersistentState<ReminderTestGrain.Failures> failures)
    : Grain, IReminderTestGrain, IRemindable
{
    public sealed class Failures
    {
        public int Remaining { get; set; }
    }

    public Task StartPeriodic(string name, TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder(name, dueTime, period);

    public Task StartOneShot(string name, DateTimeOffset dueAt) => RegisterOrUpdateOneShotReminder(name, dueAt);

    public async Task Stop(string name)
    {
        if (await GetReminder(name) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }

    public async Task<bool> Has(string name) => await GetReminder(name) is not null;

    public async Task FailNextTicks(int count)
    {
        failures.State.Remaining = count;
        await failures.WriteStateAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (failures.State.Remaining > 0)
        {
            failures.State.Remaining--;
            await failures.WriteStateAsync();
            probe.Record("tick-failed", $"{GetPrimaryKeyString()}/{reminderName}", tick: status);
            throw new InvalidOperationException("Told to fail this tick.");
        }

        probe.Record("tick", $"{GetPrimaryKeyString()}/{reminderName}", tick: status);
    }
}
