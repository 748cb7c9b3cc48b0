using Npgsql;

namespace PacificEdge.Runtime.Reminders;

/// <summary>Reminders in PostgreSQL (table <c>grain_reminders</c>): durable across silo restarts and crashes.</summary>
public sealed class PostgresReminderTable(NpgsqlDataSource dataSource) : IReminderTable
{
    private const string Columns = "grain_type, grain_key, reminder_name, start_at, period_ms, next_due, attempt, version";

    /// <inheritdoc />
    public async Task<ReminderEntry?> ReadAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            $"SELECT {Columns} FROM grain_reminders WHERE grain_type = $1 AND grain_key = $2 AND reminder_name = $3",
            cancellationToken,
            grainId.Type,
            grainId.Key,
            name).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(GrainId grainId, CancellationToken cancellationToken)
        => QueryAsync($"SELECT {Columns} FROM grain_reminders WHERE grain_type = $1 AND grain_key = $2 ORDER BY reminder_name", cancellationToken, grainId.Type, grainId.Key);

    /// <inheritdoc />
    public async Task<ReminderEntry> UpsertAsync(GrainId grainId, string name, DateTimeOffset startAt, TimeSpan? period, DateTimeOffset nextDue, CancellationToken cancellationToken)
    {
        const string sql =
            "INSERT INTO grain_reminders (grain_type, grain_key, reminder_name, start_at, period_ms, next_due, attempt, version) " +
            "VALUES ($1, $2, $3, $4, $5, $6, 0, 1) " +
            "ON CONFLICT (grain_type, grain_key, reminder_name) DO UPDATE SET start_at = EXCLUDED.start_at, period_ms = EXCLUDED.period_ms, " +
            "next_due = EXCLUDED.next_due, attempt = 0, version = grain_reminders.version + 1 " +
            $"RETURNING {Columns}";
        var rows = await QueryAsync(
            sql,
            cancellationToken,
            grainId.Type,
            grainId.Key,
            name,
            startAt.ToUniversalTime(),
            period is { } p ? (long)p.TotalMilliseconds : DBNull.Value,
            nextDue.ToUniversalTime()).ConfigureAwait(false);
        return rows[0];
    }

    /// <inheritdoc />
    public async Task<bool> RemoveAsync(GrainId grainId, string name, long? version, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM grain_reminders WHERE grain_type = $1 AND grain_key = $2 AND reminder_name = $3 AND ($4::bigint IS NULL OR version = $4)");
        Add(command, grainId.Type, grainId.Key, name, version is { } v ? v : DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
        => QueryAsync($"SELECT {Columns} FROM grain_reminders WHERE next_due <= $1 ORDER BY next_due LIMIT $2", cancellationToken, dueBy.ToUniversalTime(), limit);

    /// <inheritdoc />
    public async Task<bool> RescheduleAsync(GrainId grainId, string name, long expectedVersion, DateTimeOffset nextDue, int attempt, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE grain_reminders SET next_due = $5, attempt = $6, version = version + 1 " +
            "WHERE grain_type = $1 AND grain_key = $2 AND reminder_name = $3 AND version = $4");
        Add(command, grainId.Type, grainId.Key, name, expectedVersion, nextDue.ToUniversalTime(), attempt);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private async Task<IReadOnlyList<ReminderEntry>> QueryAsync(string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        Add(command, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new ReminderEntry(
                new GrainId(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(4)),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetInt32(6),
                reader.GetInt64(7)));
        }

        return entries;
    }

    private static void Add(NpgsqlCommand command, params object[] parameters)
    {
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
    }
}
