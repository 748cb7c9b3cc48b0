namespace PacificEdge.Runtime.Reminders;

/// <summary>Durable reminder storage (PostgreSQL, or in-memory for unit tests).</summary>
public interface IReminderTable
{
    /// <summary>Reads one reminder, or <see langword="null"/>.</summary>
    Task<ReminderEntry?> ReadAsync(GrainId grainId, string name, CancellationToken cancellationToken);

    /// <summary>Reads all reminders of a grain.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces a reminder (attempt reset, version bumped) and returns it as stored.</summary>
    Task<ReminderEntry> UpsertAsync(GrainId grainId, string name, DateTimeOffset startAt, TimeSpan? period, DateTimeOffset nextDue, CancellationToken cancellationToken);

    /// <summary>Removes a reminder; when <paramref name="version"/> is given, only if it still has that version.</summary>
    Task<bool> RemoveAsync(GrainId grainId, string name, long? version, CancellationToken cancellationToken);

    /// <summary>Reminders due at or before <paramref name="dueBy"/>, earliest first.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken);

    /// <summary>Sets the next due time and attempt count if the reminder still has <paramref name="expectedVersion"/>.</summary>
    Task<bool> RescheduleAsync(GrainId grainId, string name, long expectedVersion, DateTimeOffset nextDue, int attempt, CancellationToken cancellationToken);
}
