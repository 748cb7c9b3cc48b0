using PacificEdge.Grains.Common;
using PacificEdge.Grains.Interfaces.Catalog;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Catalog;

public sealed class CatalogState : IVersionedState
{
    public Dictionary<string, Product> Products { get; set; } = new(StringComparer.Ordinal);

    public long Version { get; set; }

    public List<TimelineEntry> Timeline { get; set; } = [];
}
