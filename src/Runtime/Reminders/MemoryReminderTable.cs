namespace PacificEdge.Runtime.Reminders;

/// <summary>In-memory reminder table with the PostgreSQL table's rules. For unit tests only.</summary>
public sealed class MemoryReminderTable : IReminderTable
{
    private readonly Dictionary<(GrainId, string), ReminderEntry> _entries = new();
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public Task<ReminderEntry?> ReadAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_entries.GetValueOrDefault((grainId, name)));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ReminderEntry>>(_entries.Values.Where(e => e.GrainId == grainId).ToList());
        }
    }

    /// <inheritdoc />
    public Task<ReminderEntry> UpsertAsync(GrainId grainId, string name, DateTimeOffset startAt, TimeSpan? period, DateTimeOffset nextDue, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var version = _entries.TryGetValue((grainId, name), out var existing) ? existing.Version + 1 : 1;
            var entry = new ReminderEntry(grainId, name, startAt, period, nextDue, 0, version);
            _entries[(grainId, name)] = entry;
            return Task.FromResult(entry);
        }
    }

    /// <inheritdoc />
    public Task<bool> RemoveAsync(GrainId grainId, string name, long? version, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var removed = _entries.TryGetValue((grainId, name), out var existing)
                && (version is null || existing.Version == version)
                && _entries.Remove((grainId, name));
            return Task.FromResult(removed);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ReminderEntry>>(
                _entries.Values.Where(e => e.NextDue <= dueBy).OrderBy(e => e.NextDue).Take(limit).ToList());
        }
    }

    /// <inheritdoc />
    public Task<bool> RescheduleAsync(GrainId grainId, string name, long expectedVersion, DateTimeOffset nextDue, int attempt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue((grainId, name), out var existing) || existing.Version != expectedVersion)
            {
                return Task.FromResult(false);
            }

            _entries[(grainId, name)] = existing with { NextDue = nextDue, Attempt = attempt, Version = existing.Version + 1 };
            return Task.FromResult(true);
        }
    }
}
