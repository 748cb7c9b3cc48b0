using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Common;
using PacificEdge.Grains.Interfaces.Catalog;
using Orleans;
using Orleans.Runtime;

namespace PacificEdge.Grains.Demo;

/// <summary>
/// Seeds the demo catalog when the silo becomes active (grain calls work from then on) if enabled;
/// <see cref="RemoveAsync"/> takes it away again.
/// </summary>
public sealed partial class DemoDataSeeder(
    IGrainFactory grains,
    IOptions<DemoOptions> demo,
    IOptions<CommerceOptions> commerce,
    ILogger<DemoDataSeeder> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
        => lifecycle.Subscribe(nameof(DemoDataSeeder), ServiceLifecycleStage.Active, StartAsync, _ => Task.CompletedTask);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        if (demo.Value.Seed)
        {
            var seeded = await SeedAsync(grains, commerce.Value.Currency, demo.Value.UnitsPerProduct);
            LogSeeded(seeded);
        }
    }

    /// <summary>Adds the demo products; gives stock only to SKUs that never had any (re-running keeps sales and counts).</summary>
    public static async Task<int> SeedAsync(IGrainFactory grains, string currency, int unitsPerProduct)
    {
        var catalog = grains.GetGrain<ICatalogGrain>(ICatalogGrain.CatalogKey);
        var products = DemoCatalog.Products(currency);
        foreach (var product in products)
        {
            await catalog.Upsert(product);
            var inventory = grains.GetGrain<IInventoryGrain>(product.Sku);
            if ((await inventory.Get()).Version == 0)
            {
                await inventory.SetOnHand(unitsPerProduct, "demo seed");
            }
        }

        return products.Count;
    }

    /// <summary>Removes the demo products from the catalog and zeroes their stock (orders already placed stay).</summary>
    public static async Task<IReadOnlyList<string>> RemoveAsync(IGrainFactory grains)
    {
        var removed = await grains.GetGrain<ICatalogGrain>(ICatalogGrain.CatalogKey).RemoveDemoProducts();
        foreach (var sku in removed)
        {
            var inventory = grains.GetGrain<IInventoryGrain>(sku);
            var snapshot = await inventory.Get();
            await inventory.SetOnHand(snapshot.Reserved, "demo clean-up");
        }

        return removed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} demo products")]
    private partial void LogSeeded(int count);
}
