namespace PacificEdge.Runtime.Reminders;

/// <summary>A stored reminder.</summary>
/// <param name="GrainId">The grain it belongs to.</param>
/// <param name="Name">Its name, unique per grain.</param>
/// <param name="StartAt">When it was first due.</param>
/// <param name="Period">The period, or <see langword="null"/> for one-shot.</param>
/// <param name="NextDue">When the next tick (or retry) is due.</param>
/// <param name="Attempt">Failed deliveries of the current tick so far.</param>
/// <param name="Version">Changes on every update; bookkeeping after a tick is conditional on it.</param>
public sealed record ReminderEntry(
    GrainId GrainId,
    string Name,
    DateTimeOffset StartAt,
    TimeSpan? Period,
    DateTimeOffset NextDue,
    int Attempt,
    long Version) : IGrainReminder
{
    /// <inheritdoc />
    public string ReminderName => Name;
}
