
namespace PacificEdge.Grains.Interfaces.Catalog;

/// <summary>
/// Stock of one SKU (key: the SKU). Reserve, commit and release are idempotent per order, and
/// the grain's turns make overselling impossible: reservations never exceed what is on hand.
/// </summary>
[Alias("inventory")]
public interface IInventoryGrain : IGrainWithStringKey
{
    /// <summary>Sets the units on hand (stock count or delivery). Reservations stay.</summary>
    Task<InventorySnapshot> SetOnHand(int units, string reason);

    /// <summary>Holds units for an order. Repeating it for the same order returns the existing hold.</summary>
    /// <exception cref="Common.OutOfStockException">Fewer units are available.</exception>
    Task<InventorySnapshot> Reserve(string orderId, int quantity);

    /// <summary>The order was paid: its held units leave stock. Idempotent.</summary>
    Task<InventorySnapshot> Commit(string orderId);

    /// <summary>The order will not be paid: its held units return. Idempotent; no effect if none held.</summary>
    Task<InventorySnapshot> Release(string orderId);

    /// <summary>Puts a paid order's units back on hand (order cancelled before it shipped). Idempotent per order.</summary>
    Task<InventorySnapshot> Restock(string orderId, int quantity);

    Task<InventorySnapshot> Get();
}
