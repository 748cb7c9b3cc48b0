using PacificEdge.Grains.Interfaces.Catalog;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Tests.Support;
using PacificEdge.Testing;

namespace PacificEdge.Grains.Tests.Engine;

/// <summary>
/// What the commerce grains rely on from Orleans, proven on it: a grain runs one call at a time (no locks in
/// grain code), so concurrent callers never lose an update and never oversell.
/// </summary>
public sealed class TurnTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Two_hundred_concurrent_reservations_on_one_grain_lose_no_update_and_never_exceed_the_stock()
    {
        await using var cluster = await CommerceCluster.StartAsync(await database.CreateExtraDatabaseAsync());
        var inventory = cluster.Client.GetGrain<IInventoryGrain>("TURN-SKU");
        var start = await cluster.Client.SetStockAsync("TURN-SKU", 100);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            try
            {
                await inventory.Reserve($"ord_turn_{i:D3}", 1);
                return true;
            }
            catch (OutOfStockException)
            {
                return false;
            }
        }));

        var after = await inventory.Get();
        Assert.Equal(100, outcomes.Count(reserved => reserved));
        Assert.Equal(100, after.Reserved);
        Assert.Equal(100, after.Reservations.Count);
        Assert.Equal(0, after.Available);
        Assert.Equal(start.Version + 100, after.Version); // every accepted reservation is its own write, none overwritten
    }
}
