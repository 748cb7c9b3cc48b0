using PacificEdge.Grains.Common;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Inventory;

public sealed class InventoryState : IVersionedState
{
    public int OnHand { get; set; }

    /// <summary>Units sold (committed) and not restocked: with <see cref="OnHand"/>, what the books must add up to.</summary>
    public int Sold { get; set; }

    /// <summary>Units held per unpaid order.</summary>
    public Dictionary<string, int> Reservations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Orders whose hold was released, or whose sale was restocked, so a repeat is a no-op and a late reserve or a
    /// restock of an unsold order is refused. Sales (commits) are not recorded: they are the common case, and a
    /// record per order made every write of a busy SKU carry thousands of entries. (States written before this
    /// may still hold "committed" entries; they are dropped on the next write.)
    /// </summary>
    public Dictionary<string, string> Closed { get; set; } = new(StringComparer.Ordinal);

    public long Version { get; set; }

    public List<TimelineEntry> Timeline { get; set; } = [];
}
