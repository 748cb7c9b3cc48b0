namespace PacificEdge.Runtime.Tests.TestGrains;

public sealed class LedgerState
{
    public List<string> Entries { get; set; } = [];

    public decimal Balance { get; set; }
}

[GrainType("test-stateful")]
public interface IStatefulGrain : IGrainWithStringKey
{
    Task Add(string entry, decimal amount);

    Task<LedgerState> Get();

    Task<string?> GetEtag();

    Task Clear();

    Task Deactivate();
}

public sealed class StatefulGrain([PersistentState("ledger")] IPersistentState<LedgerState> ledger) : Grain, IStatefulGrain
{
    public async Task Add(string entry, decimal amount)
    {
        ledger.State.Entries.Add(entry);
        ledger.State.Balance += amount;
        await ledger.WriteStateAsync();
    }

    public Task<LedgerState> Get() => Task.FromResult(ledger.State);

    public Task<string?> GetEtag() => Task.FromResult(ledger.Etag);

    public Task Clear() => ledger.ClearStateAsync();

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
