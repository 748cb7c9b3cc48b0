using PacificEdge.Runtime;

namespace PacificEdge.Benchmarks;

public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);

public sealed class BenchState
{
    public int Counter { get; set; }

    public decimal Total { get; set; }
}

[GrainType("bench")]
public interface IBenchGrain : IGrainWithStringKey
{
    Task Ping();

    Task<decimal> Accept(OrderLine line);

    Task Write();
}

public sealed class BenchGrain([PersistentState("bench")] IPersistentState<BenchState> state) : Grain, IBenchGrain
{
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
