namespace PacificEdge.Persistence;

/// <summary>The PostgreSQL database shared by grain state, Orleans clustering and reminders, and the commerce tables.</summary>
public sealed class PostgresOptions
{
    /// <summary>Configuration section name: the connection string is <c>Postgres:ConnectionString</c>.</summary>
    public const string SectionName = "Postgres";

    /// <summary>Npgsql connection string. Required; comes from the environment in production (never commit it).</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Apply pending schema migrations when the host starts (before Orleans starts). Default true.</summary>
    public bool ApplyMigrationsOnStartup { get; set; } = true;

    /// <summary>
    /// Group commits running at once (each on its own connection): grain state writes and other components' short units
    /// arriving meanwhile wait and commit together in the next free one. 1–64, default 4.
    /// </summary>
    public int GroupCommitWriters { get; set; } = 4;

    /// <summary>At most this many units (a grain state write, an outbox row…) in one group commit. 1–1000, default 64.</summary>
    public int GroupCommitMaxBatch { get; set; } = 64;
}
