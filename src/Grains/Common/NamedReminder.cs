using PacificEdge.Runtime;

namespace PacificEdge.Grains.Common;

/// <summary>A reminder handle by name only, enough to unregister it without reading it first.</summary>
internal sealed record NamedReminder(string ReminderName) : IGrainReminder
{
    public TimeSpan? Period => null;

    public DateTimeOffset NextDue => default;
}
