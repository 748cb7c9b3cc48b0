using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Common;

/// <summary>Grain state with a version and a timeline (every commerce grain has both).</summary>
public interface IVersionedState
{
    long Version { get; set; }

    List<TimelineEntry> Timeline { get; }
}
