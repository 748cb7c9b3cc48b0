using Npgsql;
using PacificEdge.Persistence.GroupCommit;

namespace PacificEdge.Grains.Integration.Email;

/// <summary>
/// The email log in PostgreSQL (table <c>email_log</c>, migration <c>commerce_0001</c>). Every change is one conditional
/// statement; the outcome of a send (sent, failed, abandoned) goes through the process's <see cref="GroupCommitter"/>.
/// </summary>
public sealed class PostgresEmailLog(NpgsqlDataSource dataSource, GroupCommitter committer) : IEmailLog
{
    private const string Columns =
        "id, key, kind, recipient, subject, text_body, html_body, status, attempts, last_error, created_at, next_attempt_at, sent_at";

    private const string Unsent = "status IN ('Pending', 'Failed')";

    private const string InsertSql =
        "INSERT INTO email_log (key, kind, recipient, subject, text_body, html_body, status, attempts, created_at, next_attempt_at) " +
        "VALUES ($1, $2, $3, $4, $5, $6, 'Pending', 1, $7, $8) ON CONFLICT (key) DO NOTHING RETURNING " + Columns;

    private const string FindSql = "SELECT " + Columns + " FROM email_log WHERE key = $1";

    private const string ClaimSql =
        "UPDATE email_log SET attempts = attempts + 1, next_attempt_at = $3 WHERE id = $1 AND " + Unsent + " AND next_attempt_at <= $2 RETURNING " + Columns;

    private const string SentSql = "UPDATE email_log SET status = 'Sent', sent_at = $2, last_error = NULL WHERE id = $1 AND " + Unsent;

    private const string FailedSql = "UPDATE email_log SET status = 'Failed', last_error = $2, next_attempt_at = $3 WHERE id = $1 AND " + Unsent;

    private const string AbandonedSql = "UPDATE email_log SET status = 'Abandoned', last_error = $2 WHERE id = $1 AND " + Unsent;

    private const string DueSql =
        "SELECT " + Columns + " FROM email_log WHERE " + Unsent + " AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2";

    private const string ListSql = "SELECT " + Columns + " FROM email_log ORDER BY created_at DESC, id DESC LIMIT $1";

    private const string ListByStatusSql = "SELECT " + Columns + " FROM email_log WHERE status = $2 ORDER BY created_at DESC, id DESC LIMIT $1";

    /// <inheritdoc />
    public async Task<EmailLogInsertResult> InsertOrGetAsync(NewEmailLogEntry entry, DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        // Through the group committer: under load the new row shares a transaction with other writes.
        var inserted = await committer.CommitAsync(new GroupCommitQuery<EmailLogEntry?>(
            $"email_log:{entry.Key}",
            () =>
            {
                var insert = new NpgsqlBatchCommand(InsertSql);
                insert.Parameters.Add(Text(entry.Key));
                insert.Parameters.Add(Text(entry.Kind.ToString()));
                insert.Parameters.Add(Text(entry.Recipient));
                insert.Parameters.Add(Text(entry.Subject));
                insert.Parameters.Add(Text(entry.TextBody));
                insert.Parameters.Add(Text(entry.HtmlBody));
                insert.Parameters.Add(Time(now));
                insert.Parameters.Add(Time(claimUntil));
                return insert;
            },
            static async reader => await reader.ReadAsync().ConfigureAwait(false) ? Read(reader) : null)).ConfigureAwait(false);
        if (inserted is not null)
        {
            return new EmailLogInsertResult(inserted, Inserted: true);
        }

        // The key exists (rows are never deleted, so it is still there).
        return new EmailLogInsertResult(
            await FindAsync(entry.Key, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Email log row for key {entry.Key} vanished."),
            Inserted: false);
    }

    /// <inheritdoc />
    public async Task<EmailLogEntry?> TryClaimAsync(long id, DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ClaimSql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        command.Parameters.Add(Time(now));
        command.Parameters.Add(Time(claimUntil));
        return await ReadSingleAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task MarkSentAsync(long id, DateTimeOffset sentAt, CancellationToken cancellationToken)
        => CommitAsync(id, SentSql, cancellationToken, id, sentAt.ToUniversalTime());

    /// <inheritdoc />
    public Task MarkFailedAsync(long id, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
        => CommitAsync(id, FailedSql, cancellationToken, id, error, nextAttemptAt.ToUniversalTime());

    /// <inheritdoc />
    public Task MarkAbandonedAsync(long id, string error, CancellationToken cancellationToken)
        => CommitAsync(id, AbandonedSql, cancellationToken, id, error);

    /// <inheritdoc />
    public async Task<IReadOnlyList<EmailLogEntry>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(DueSql);
        command.Parameters.Add(Time(now));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EmailLogEntry>> ListAsync(int limit, string? status, CancellationToken cancellationToken)
    {
        EmailLogListArguments.CheckLimit(limit);
        var filter = EmailLogListArguments.ParseStatus(status);
        await using var command = dataSource.CreateCommand(filter is null ? ListSql : ListByStatusSql);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        if (filter is not null)
        {
            command.Parameters.Add(Text(filter.Value.ToString()));
        }

        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<EmailLogEntry?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(FindSql);
        command.Parameters.Add(Text(key));
        return await ReadSingleAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private Task CommitAsync(long id, string sql, CancellationToken cancellationToken, params object[] values)
        => committer.ExecuteAsync($"email_log:{id:D19}", sql, cancellationToken, values);

    private static async Task<EmailLogEntry?> ReadSingleAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static async Task<IReadOnlyList<EmailLogEntry>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<EmailLogEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    private static EmailLogEntry Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        Enum.Parse<NotificationKind>(reader.GetString(2)),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetString(6),
        Enum.Parse<EmailStatus>(reader.GetString(7)),
        reader.GetInt32(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.GetFieldValue<DateTimeOffset>(10),
        reader.GetFieldValue<DateTimeOffset>(11),
        reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12));

    private static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value };

    // timestamptz takes UTC only; normalise whatever offset the caller's clock used.
    private static NpgsqlParameter<DateTimeOffset> Time(DateTimeOffset value) => new() { TypedValue = value.ToUniversalTime() };
}
