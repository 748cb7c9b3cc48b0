namespace PacificEdge.Runtime.Tests.TestGrains;

public sealed class Basket
{
    public List<string> Items { get; set; } = [];

    public decimal Total { get; set; }
}

public sealed record Unserialisable(string Name, Func<int> Callback);

public sealed class TestDomainException(string message) : Exception(message);

/// <summary>Exercises copying, errors, timeouts and reference passing.</summary>
[GrainType("test-echo")]
public interface IEchoGrain : IGrainWithStringKey
{
    Task Store(Basket basket);

    Task<Basket> Load();

    Task<string> Echo(string value);

    Task Throw(string message);

    Task ThrowArgument(string message);

    Task ThrowForeign(string message);

    Task Hang();

    Task<string> CallOther(ICounterGrain other);

    Task TakeUnserialisable(Unserialisable value);

    ValueTask<int> ValueTaskAdd(int a, int b);
}

public sealed class EchoGrain : Grain, IEchoGrain
{
    private Basket _basket = new();

    public Task Store(Basket basket)
    {
        _basket = basket;
        return Task.CompletedTask;
    }

    public Task<Basket> Load() => Task.FromResult(_basket);

    public Task<string> Echo(string value) => Task.FromResult(value);

    public Task Throw(string message) => throw new TestDomainException(message);

    public Task ThrowArgument(string message) => throw new ArgumentException(message);

    public Task ThrowForeign(string message) => throw new System.Net.Http.HttpRequestException(message);

    public Task Hang() => new TaskCompletionSource().Task;

    public async Task<string> CallOther(ICounterGrain other) => $"{await other.Increment()}";

    public Task TakeUnserialisable(Unserialisable value) => Task.CompletedTask;

    public ValueTask<int> ValueTaskAdd(int a, int b) => ValueTask.FromResult(a + b);
}
