using Npgsql;

namespace PacificEdge.Silo.Tests.Import;

/// <summary>Row counts and write markers of every table the import could touch, to prove a run wrote nothing.</summary>
public static class DatabaseSnapshot
{
    private static readonly string[] Queries =
    [
        "SELECT 'users', count(*)::text FROM users",
        "SELECT 'imported_customers', count(*)::text || '/' || count(invited_at)::text FROM imported_customers",
        "SELECT 'imported_orders', count(*)::text FROM imported_orders",
        "SELECT 'newsletter_subscribers', count(*)::text FROM newsletter_subscribers",
        "SELECT 'password_setup_tokens', count(*)::text FROM password_setup_tokens",
        "SELECT 'email_log', count(*)::text FROM email_log",
        // Every grain-state write bumps a version: the sum changes if any wallet (or other grain) was written.
        "SELECT 'grain_storage', count(*)::text || '/' || coalesce(sum(version), 0)::text FROM grain_storage WHERE grain_type <> 'catalog'",
        "SELECT 'orleans_reminders', count(*)::text FROM orleans_reminders",
    ];

    public static async Task<IReadOnlyDictionary<string, string>> TakeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var sql in Queries)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            snapshot[reader.GetString(0)] = reader.GetString(1);
        }

        return snapshot;
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql, params string[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
