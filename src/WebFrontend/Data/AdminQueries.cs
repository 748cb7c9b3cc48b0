using Npgsql;

namespace PacificEdge.WebFrontend.Data;

/// <summary>Admin lists of the email log and raised alerts; storing, acknowledging alerts and re-queuing emails.</summary>
public sealed class AdminQueries(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<EmailLogRow>> EmailsAsync(string? status, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, key, kind, recipient, subject, status, attempts, last_error, created_at, sent_at FROM email_log " +
            "WHERE ($1::text IS NULL OR status = $1) ORDER BY id DESC LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var rows = new List<EmailLogRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new EmailLogRow(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return rows;
    }

    private const string AlertColumns = "id, kind, message, value, threshold, raised_at, acknowledged_at, acknowledged_by";

    /// <summary>Newest first; <paramref name="openOnly"/>: only alerts nobody has acknowledged yet.</summary>
    public async Task<IReadOnlyList<Alert>> AlertsAsync(int limit, CancellationToken cancellationToken, bool openOnly = false)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {AlertColumns} FROM alerts WHERE (NOT $2 OR acknowledged_at IS NULL) ORDER BY id DESC LIMIT $1");
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = openOnly });
        return await ReadAlertsAsync(command, cancellationToken);
    }

    /// <summary>Marks the alert acknowledged (the first acknowledgement stays); null when there is no such alert.</summary>
    public async Task<Alert?> AcknowledgeAlertAsync(long id, string acknowledgedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE alerts SET acknowledged_at = coalesce(acknowledged_at, $2), acknowledged_by = coalesce(acknowledged_by, $3) " +
            $"WHERE id = $1 RETURNING {AlertColumns}");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = acknowledgedBy });
        return (await ReadAlertsAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>
    /// Queues a logged email to be sent again (the email retry service picks it up on its next pass, with fresh
    /// attempts). Refused (false) while it is still Pending - it is queued already - or when there is no such email.
    /// </summary>
    public async Task<bool> RequeueEmailAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE email_log SET status = 'Pending', attempts = 0, last_error = NULL, next_attempt_at = $2 WHERE id = $1 AND status <> 'Pending'");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<IReadOnlyList<Alert>> ReadAlertsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadAlertsAsync(reader, cancellationToken);
    }

    /// <summary>Reads the alerts of the reader's current result.</summary>
    internal static async Task<IReadOnlyList<Alert>> ReadAlertsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var alerts = new List<Alert>();
        while (await reader.ReadAsync(cancellationToken))
        {
            alerts.Add(new Alert(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetDecimal(3), reader.GetDecimal(4), reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return alerts;
    }

    /// <summary>Alerts stored after <paramref name="afterId"/>, by any process (the dashboard's own and the orders'), oldest first.</summary>
    public async Task<IReadOnlyList<Alert>> AlertsAfterAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(AlertsAfterCommand(afterId, limit));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadAlertsAsync(reader, cancellationToken);
    }

    /// <summary>The query of <see cref="AlertsAfterAsync"/>, for a caller that sends it in its own batch.</summary>
    internal static NpgsqlBatchCommand AlertsAfterCommand(long afterId, int limit)
    {
        var command = new NpgsqlBatchCommand($"SELECT {AlertColumns} FROM alerts WHERE id > $1 ORDER BY id LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return command;
    }

    /// <summary>The id of the newest alert, 0 when there is none.</summary>
    public async Task<long> LastAlertIdAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce(max(id), 0) FROM alerts");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<Alert> RaiseAlertAsync(string kind, string message, decimal value, decimal threshold, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO alerts (kind, message, value, threshold) VALUES ($1, $2, $3, $4) RETURNING id, raised_at");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = kind });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = message });
        command.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = value });
        command.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = threshold });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new Alert(reader.GetInt64(0), kind, message, value, threshold, reader.GetFieldValue<DateTimeOffset>(1));
    }
}

public sealed record EmailLogRow(long Id, string Key, string Kind, string Recipient, string Subject, string Status, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

/// <summary>A raised alert; <c>AcknowledgedAt</c>/<c>AcknowledgedBy</c> (a user id) are null while nobody has acknowledged it.</summary>
public sealed record Alert(long Id, string Kind, string Message, decimal Value, decimal Threshold, DateTimeOffset RaisedAt, DateTimeOffset? AcknowledgedAt = null, string? AcknowledgedBy = null);
