namespace PacificEdge.Grains.Integration.Email;

/// <summary>The email log in memory, with the same rules as <see cref="PostgresEmailLog"/> (unit tests, single-process demos).</summary>
public sealed class MemoryEmailLog : IEmailLog
{
    private readonly Lock gate = new();
    private readonly Dictionary<long, EmailLogEntry> rows = [];
    private readonly Dictionary<string, long> idsByKey = new(StringComparer.Ordinal);
    private long lastId;

    /// <inheritdoc />
    public Task<EmailLogInsertResult> InsertOrGetAsync(NewEmailLogEntry entry, DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            if (idsByKey.TryGetValue(entry.Key, out var existing))
            {
                return Task.FromResult(new EmailLogInsertResult(rows[existing], Inserted: false));
            }

            var row = new EmailLogEntry(
                ++lastId, entry.Key, entry.Kind, entry.Recipient, entry.Subject, entry.TextBody, entry.HtmlBody,
                EmailStatus.Pending, Attempts: 1, LastError: null, now, claimUntil, SentAt: null);
            rows.Add(row.Id, row);
            idsByKey.Add(row.Key, row.Id);
            return Task.FromResult(new EmailLogInsertResult(row, Inserted: true));
        }
    }

    /// <inheritdoc />
    public Task<EmailLogEntry?> TryClaimAsync(long id, DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            if (!rows.TryGetValue(id, out var row) || !IsUnsent(row) || row.NextAttemptAt > now)
            {
                return Task.FromResult<EmailLogEntry?>(null);
            }

            var claimed = row with { Attempts = row.Attempts + 1, NextAttemptAt = claimUntil };
            rows[id] = claimed;
            return Task.FromResult<EmailLogEntry?>(claimed);
        }
    }

    /// <inheritdoc />
    public Task MarkSentAsync(long id, DateTimeOffset sentAt, CancellationToken cancellationToken)
        => UpdateUnsent(id, row => row with { Status = EmailStatus.Sent, SentAt = sentAt, LastError = null }, cancellationToken);

    /// <inheritdoc />
    public Task MarkFailedAsync(long id, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
        => UpdateUnsent(id, row => row with { Status = EmailStatus.Failed, LastError = error, NextAttemptAt = nextAttemptAt }, cancellationToken);

    /// <inheritdoc />
    public Task MarkAbandonedAsync(long id, string error, CancellationToken cancellationToken)
        => UpdateUnsent(id, row => row with { Status = EmailStatus.Abandoned, LastError = error }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<EmailLogEntry>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            IReadOnlyList<EmailLogEntry> due = rows.Values
                .Where(r => IsUnsent(r) && r.NextAttemptAt <= now)
                .OrderBy(r => r.NextAttemptAt).ThenBy(r => r.Id)
                .Take(limit)
                .ToList();
            return Task.FromResult(due);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<EmailLogEntry>> ListAsync(int limit, string? status, CancellationToken cancellationToken)
    {
        EmailLogListArguments.CheckLimit(limit);
        var filter = EmailLogListArguments.ParseStatus(status);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            IReadOnlyList<EmailLogEntry> list = rows.Values
                .Where(r => filter is null || r.Status == filter)
                .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
                .Take(limit)
                .ToList();
            return Task.FromResult(list);
        }
    }

    /// <inheritdoc />
    public Task<EmailLogEntry?> FindAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            return Task.FromResult(idsByKey.TryGetValue(key, out var id) ? rows[id] : null);
        }
    }

    private Task UpdateUnsent(long id, Func<EmailLogEntry, EmailLogEntry> change, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            if (rows.TryGetValue(id, out var row) && IsUnsent(row))
            {
                rows[id] = change(row);
            }
        }

        return Task.CompletedTask;
    }

    private static bool IsUnsent(EmailLogEntry row) => row.Status is EmailStatus.Pending or EmailStatus.Failed;
}
