namespace PacificEdge.Benchmarks;

/// <summary>A small record argument, as a cart line is: measures serialisation, not just dispatch.</summary>
[GenerateSerializer, Immutable, Alias("pe.bench.OrderLine")]
public sealed record OrderLine([property: Id(0)] string Sku, [property: Id(1)] int Quantity, [property: Id(2)] decimal UnitPrice);

[GenerateSerializer, Alias("pe.bench.BenchState")]
public sealed class BenchState
{
    [Id(0)]
    public int Counter { get; set; }

    [Id(1)]
    public decimal Total { get; set; }
}

/// <summary>The trivial grain every runtime measurement calls.</summary>
[Alias("pe.bench.IBenchGrain")]
public interface IBenchGrain : IGrainWithStringKey
{
    Task Ping();

    Task<decimal> Accept(OrderLine line);

    Task Write();
}

[GrainType("bench")]
public sealed class BenchGrain([PersistentState("bench", BenchGrain.StorageName)] IPersistentState<BenchState> state) : Grain, IBenchGrain
{
    /// <summary>The grain storage this grain's state lives in: in memory, or PostgreSQL for the storage section.</summary>
    public const string StorageName = "bench";

    private decimal _total;

    public Task Ping() => Task.CompletedTask;

    public Task<decimal> Accept(OrderLine line)
    {
        _total += line.Quantity * line.UnitPrice;
        return Task.FromResult(_total);
    }

    public Task Write()
    {
        state.State.Counter++;
        state.State.Total += 1.25m;
        return state.WriteStateAsync();
    }
}

/// <summary>A caller inside the silo: calls a bench grain in a loop, as one grain calls another.</summary>
[Alias("pe.bench.ICallerGrain")]
public interface ICallerGrain : IGrainWithStringKey
{
    /// <summary>Calls <paramref name="target"/> <paramref name="calls"/> times back to back.</summary>
    Task Drive(string target, OrderLine line, int calls);
}

[GrainType("bench-caller")]
public sealed class CallerGrain : Grain, ICallerGrain
{
    public async Task Drive(string target, OrderLine line, int calls)
    {
        var grain = GrainFactory.GetGrain<IBenchGrain>(target);
        for (var i = 0; i < calls; i++)
        {
            await grain.Accept(line);
        }
    }
}
