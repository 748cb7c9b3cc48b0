namespace PacificEdge.Runtime.Tests.TestGrains;

[GrainType("test-counter")]
public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<int> Get();

    Task<Guid> GetActivationId();
}

/// <summary>Read-modify-write with an await in the middle and no lock: only turn-based execution keeps the count exact.</summary>
public sealed class CounterGrain : Grain, ICounterGrain
{
    private readonly Guid _activationId = Guid.NewGuid();
    private int _count;

    public async Task<int> Increment()
    {
        var current = _count;
        await Task.Yield();
        _count = current + 1;
        return _count;
    }

    public Task<int> Get() => Task.FromResult(_count);

    public Task<Guid> GetActivationId() => Task.FromResult(_activationId);
}
