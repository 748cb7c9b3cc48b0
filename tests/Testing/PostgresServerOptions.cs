namespace PacificEdge.Testing;

/// <summary>
/// How a throwaway <see cref="PostgresServer"/> is configured. Tests want speed (the defaults turn durability off,
/// because a test cluster is deleted anyway); benchmarks that compare against PostgreSQL's own durable write rate
/// need <see cref="Durable"/> so the numbers mean what they say.
/// </summary>
public sealed record PostgresServerOptions
{
    /// <summary>The defaults: fast, non-durable settings for tests.</summary>
    public static PostgresServerOptions Default { get; } = new();

    /// <summary>
    /// When true the server keeps fsync, synchronous_commit and full_page_writes on (PostgreSQL's defaults), so a
    /// commit really reaches the disk. When false (the default) they are off, which makes tests several times faster.
    /// </summary>
    public bool Durable { get; init; }

    /// <summary>Connection limit. Many test classes share one server and each Npgsql pool may open many connections.</summary>
    public int MaxConnections { get; init; } = 300;

    /// <summary>How long initdb and the server start may take before the start counts as failed.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Further postgresql.conf settings (name to value, written as <c>name = 'value'</c>), applied after the ones above,
    /// so a test can tune or deliberately break the server.
    /// </summary>
    public IReadOnlyDictionary<string, string> ExtraSettings { get; init; } = new Dictionary<string, string>();
}
