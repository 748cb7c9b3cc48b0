using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Common;

/// <summary>Appends to a grain's timeline, keeping the most recent entries so state stays small.</summary>
internal static class Timeline
{
    public const int MaxEntries = 200;

    /// <summary>A change: the grain's version moves on and the timeline says what happened at that version.</summary>
    public static void Record(IVersionedState state, DateTimeOffset at, string @event, string detail, int maxEntries = MaxEntries)
    {
        state.Version++;
        Append(state.Timeline, at, @event, detail, state.Version, maxEntries);
    }

    private static void Append(List<TimelineEntry> timeline, DateTimeOffset at, string @event, string detail, long version, int maxEntries)
    {
        timeline.Add(new TimelineEntry(at, @event, detail, version));
        if (timeline.Count > maxEntries)
        {
            timeline.RemoveRange(0, timeline.Count - maxEntries);
        }
    }
}
