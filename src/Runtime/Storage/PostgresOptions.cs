namespace PacificEdge.Runtime.Storage;

/// <summary>PostgreSQL connection for grain state, reminders and (later) membership.</summary>
public sealed class PostgresOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Runtime:Postgres";

    /// <summary>Npgsql connection string. Required; comes from the environment in production (never commit it).</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Apply pending schema migrations when the silo starts. Default true.</summary>
    public bool ApplyMigrationsOnStartup { get; set; } = true;
}
