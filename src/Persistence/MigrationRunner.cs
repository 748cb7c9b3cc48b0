using Microsoft.Extensions.Logging;
using Npgsql;

namespace PacificEdge.Persistence;

/// <summary>
/// Applies pending migrations from every registered <see cref="MigrationSource"/>. Safe to run
/// from several processes at once: a session advisory lock serialises them, and each migration
/// commits together with its row in <c>schema_migrations</c>.
/// </summary>
public sealed partial class MigrationRunner(NpgsqlDataSource dataSource, IEnumerable<MigrationSource> sources, ILogger<MigrationRunner> logger)
{
    // Arbitrary constant shared by every process of this system; identifies "the migration lock".
    private const long AdvisoryLockKey = 0x5045_4D49_4752; // "PEMIGR"

    /// <summary>Applies what is pending; returns the migrations applied by this call.</summary>
    public async Task<IReadOnlyList<Migration>> ApplyAsync(CancellationToken cancellationToken)
    {
        var applied = new List<Migration>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock($1)", cancellationToken, AdvisoryLockKey).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(
                connection,
                "CREATE TABLE IF NOT EXISTS schema_migrations (module text NOT NULL, version integer NOT NULL, name text NOT NULL, " +
                "applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (module, version))",
                cancellationToken).ConfigureAwait(false);

            var done = await ReadAppliedAsync(connection, cancellationToken).ConfigureAwait(false);
            foreach (var migration in sources.SelectMany(s => s.Load()).Where(m => !done.Contains((m.Module, m.Version))))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, migration.Sql, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(
                    connection,
                    "INSERT INTO schema_migrations (module, version, name) VALUES ($1, $2, $3)",
                    cancellationToken,
                    migration.Module,
                    migration.Version,
                    migration.Name).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                LogApplied(migration.Module, migration.Version, migration.Name);
                applied.Add(migration);
            }
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock($1)", CancellationToken.None, AdvisoryLockKey).ConfigureAwait(false);
        }

        return applied;
    }

    private static async Task<HashSet<(string, int)>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var done = new HashSet<(string, int)>();
        await using var command = new NpgsqlCommand("SELECT module, version FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            done.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return done;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Module} {Version} ({Name})")]
    private partial void LogApplied(string module, int version, string name);
}
