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

    /// <summary>How each order ended (committed or released), so repeats are no-ops and a late reserve is refused.</summary>
    public Dictionary<string, string> Closed { get; set; } = new(StringComparer.Ordinal);

    public long Version { get; set; }

    public List<TimelineEntry> Timeline { get; set; } = [];
}
