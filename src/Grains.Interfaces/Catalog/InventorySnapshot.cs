using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Catalog;

/// <summary>Stock of one SKU.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="OnHand">Units physically in stock (committed sales already taken out).</param>
/// <param name="Reserved">Units held for unpaid orders.</param>
/// <param name="Reservations">Held units by order id.</param>
/// <param name="Version">Grain version.</param>
/// <param name="Timeline">Recent changes.</param>
public sealed record InventorySnapshot(
    string Sku,
    int OnHand,
    int Reserved,
    IReadOnlyDictionary<string, int> Reservations,
    long Version,
    IReadOnlyList<TimelineEntry> Timeline)
{
    public int Available => OnHand - Reserved;
}
