using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Common;

/// <summary>Appends to a grain's timeline, keeping the most recent entries so state stays small.</summary>
internal static class Timeline
{
    public const int MaxEntries = 200;

    public static void Append(List<TimelineEntry> timeline, DateTimeOffset at, string @event, string detail, long version)
    {
        timeline.Add(new TimelineEntry(at, @event, detail, version));
        if (timeline.Count > MaxEntries)
        {
            timeline.RemoveRange(0, timeline.Count - MaxEntries);
        }
    }
}
