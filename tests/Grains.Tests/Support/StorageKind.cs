using PacificEdge.Testing;

namespace PacificEdge.Grains.Tests.Support;

/// <summary>Where a test's cluster keeps its state: in memory, or in a fresh PostgreSQL database per test.</summary>
public sealed class StorageKind
{
    private readonly PostgresDatabaseFixture? _postgres;

    private StorageKind(PostgresDatabaseFixture? postgres) => _postgres = postgres;

    public static StorageKind Memory { get; } = new(null);

    public bool IsPostgres => _postgres is not null;

    public static StorageKind Postgres(PostgresDatabaseFixture fixture) => new(fixture);

    /// <summary>A connection string to an empty database, or null for in-memory storage.</summary>
    public async Task<string?> NewDatabaseAsync() => _postgres is null ? null : await _postgres.CreateExtraDatabaseAsync();
}
