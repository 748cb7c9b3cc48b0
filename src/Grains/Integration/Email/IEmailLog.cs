namespace PacificEdge.Grains.Integration.Email;

/// <summary>
/// The durable email log (PostgreSQL table <c>email_log</c>; in memory for unit tests). One row per notification key.
/// A send attempt is <em>claimed</em> first: the row's attempts go up and its next_attempt_at moves to the end of a
/// grace period, so only one process sends it at a time, and a sender that dies leaves it due again later.
/// Times are passed in (the caller's clock), never taken from the database.
/// </summary>
public interface IEmailLog
{
    /// <summary>
    /// Logs a new message as Pending, already claimed for its first attempt (attempts 1, next_attempt_at
    /// <paramref name="claimUntil"/>), unless the key exists: then returns the existing row untouched.
    /// </summary>
    Task<EmailLogInsertResult> InsertOrGetAsync(NewEmailLogEntry entry, DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken);

    /// <summary>Claims a Pending or Failed row whose next_attempt_at is due at <paramref name="now"/>; null when it is not (sent, abandoned, or claimed by someone else).</summary>
    Task<EmailLogEntry?> TryClaimAsync(long id, DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken);

    /// <summary>Marks an unsent row Sent.</summary>
    Task MarkSentAsync(long id, DateTimeOffset sentAt, CancellationToken cancellationToken);

    /// <summary>Marks an unsent row Failed, due again at <paramref name="nextAttemptAt"/>.</summary>
    Task MarkFailedAsync(long id, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>Marks an unsent row Abandoned (final).</summary>
    Task MarkAbandonedAsync(long id, string error, CancellationToken cancellationToken);

    /// <summary>Pending or Failed rows due at <paramref name="now"/>, longest-waiting first.</summary>
    Task<IReadOnlyList<EmailLogEntry>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Newest rows first, optionally only one status (by name, case-insensitive), for the admin page.</summary>
    /// <exception cref="Interfaces.Common.ValidationException">Unknown status, or a limit outside 1–1000.</exception>
    Task<IReadOnlyList<EmailLogEntry>> ListAsync(int limit, string? status, CancellationToken cancellationToken);

    /// <summary>The row for a key, if any.</summary>
    Task<EmailLogEntry?> FindAsync(string key, CancellationToken cancellationToken);
}
