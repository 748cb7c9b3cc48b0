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
}
