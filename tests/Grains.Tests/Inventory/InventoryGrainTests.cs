using Npgsql;
using PacificEdge.Grains.Interfaces.Catalog;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Tests.Support;
using PacificEdge.Testing;

namespace PacificEdge.Grains.Tests.Inventory;

/// <summary>
/// Stock of one SKU on PostgreSQL: sales leave no record per order in the stock row (it is written twice per sold
/// line), while releases and restocks are remembered so repeats and late calls change nothing.
/// </summary>
public sealed class InventoryGrainTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private const string Sku = "INV-SKU";

    [Fact]
    public async Task Selling_many_orders_keeps_the_stored_stock_row_small()
    {
        var connectionString = await database.CreateExtraDatabaseAsync();
        await using var cluster = await CommerceCluster.StartAsync(connectionString);
        var inventory = cluster.Client.GetGrain<IInventoryGrain>(Sku);
        await cluster.Client.SetStockAsync(Sku, 1000);

        for (var i = 0; i < 300; i++)
        {
            await inventory.Reserve($"ord_sold_{i:D3}", 1);
            await inventory.Commit($"ord_sold_{i:D3}");
        }

        var stock = await inventory.Get();
        var payload = await StoredPayloadAsync(connectionString);
        Assert.Equal(700, stock.OnHand);
        Assert.Equal(300, stock.Sold);
        Assert.Equal(0, stock.Reserved);
        Assert.DoesNotContain("ord_sold_000", payload, StringComparison.Ordinal); // neither a sale record nor an old timeline entry
        Assert.Contains("ord_sold_299", payload, StringComparison.Ordinal); // the latest sale is on the timeline
        Assert.True(payload.Length < 12_000, $"the stock row holds {payload.Length} characters after 300 sales");
    }

    [Fact]
    public async Task A_sale_is_restocked_once_and_only_when_it_was_sold()
    {
        await using var cluster = await CommerceCluster.StartAsync(await database.CreateExtraDatabaseAsync());
        var inventory = cluster.Client.GetGrain<IInventoryGrain>(Sku);
        await cluster.Client.SetStockAsync(Sku, 10);
        await inventory.Reserve("ord_sold", 2);
        await inventory.Commit("ord_sold");
        await inventory.Reserve("ord_held", 3);
        await inventory.Reserve("ord_released", 1);
        await inventory.Release("ord_released");

        await inventory.Restock("ord_sold", 2);
        await inventory.Restock("ord_sold", 2); // a retried effect
        await inventory.Restock("ord_held", 3); // still held: nothing was sold
        await inventory.Restock("ord_released", 1); // released: nothing was sold

        var stock = await inventory.Get();
        Assert.Equal(10, stock.OnHand);
        Assert.Equal(0, stock.Sold);
        Assert.Equal(3, stock.Reserved);
        await Assert.ThrowsAsync<ConflictException>(() => inventory.Reserve("ord_released", 1)); // a late reserve after the release
        Assert.Equal(3, (await inventory.Get()).Reserved);
    }

    private static async Task<string> StoredPayloadAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT payload::text FROM grain_storage WHERE grain_type = 'inventory' AND grain_key ILIKE '%' || $1");
        command.Parameters.AddWithValue(Sku);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
