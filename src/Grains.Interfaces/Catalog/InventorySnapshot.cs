using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Catalog;

/// <summary>Stock of one SKU.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="OnHand">Units physically in stock (committed sales already taken out).</param>
/// <param name="Reserved">Units held for unpaid orders.</param>
/// <param name="Reservations">Held units by order id.</param>
/// <param name="Version">Grain version.</param>
/// <param name="Timeline">Recent changes.</param>
/// <param name="Sold">Units sold (committed, not restocked).</param>
[GenerateSerializer]
[Alias("pe.catalog.inventory-snapshot")]
public sealed record InventorySnapshot(
    [Id(0)] string Sku,
    [Id(1)] int OnHand,
    [Id(2)] int Reserved,
    [Id(3)] IReadOnlyDictionary<string, int> Reservations,
    [Id(4)] long Version,
    [Id(5)] IReadOnlyList<TimelineEntry> Timeline,
    [Id(6)] int Sold = 0)
{
    public int Available => OnHand - Reserved;
}
