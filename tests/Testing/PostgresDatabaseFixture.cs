using Npgsql;
using Xunit;

namespace PacificEdge.Testing;

/// <summary>
/// xunit class fixture (<c>IClassFixture&lt;PostgresDatabaseFixture&gt;</c>) giving each test class a fresh, empty
/// database of its own on the process's shared server. Classes run in parallel without seeing each other's rows,
/// and no test depends on what an earlier run left behind. The databases are dropped when the class is done.
/// </summary>
/// <remarks>Not sealed: a project may derive a fixture that also applies its migrations.</remarks>
public class PostgresDatabaseFixture : IAsyncLifetime
{
    private readonly List<string> databases = [];
    private PostgresServer? server;
    private string? databaseName;
    private int extraCount;

    /// <summary>The shared server the database lives on.</summary>
    public PostgresServer Server => server ?? throw NotInitialized();

    /// <summary>Name of this fixture's database (unique per fixture instance).</summary>
    public string DatabaseName => databaseName ?? throw NotInitialized();

    /// <summary>Npgsql connection string (superuser) for this fixture's database.</summary>
    public string ConnectionString => Server.ConnectionStringFor(DatabaseName);

    /// <summary>Starts the shared server if needed and creates this fixture's database.</summary>
    public virtual async Task InitializeAsync()
    {
        server = await SharedPostgres.GetAsync().ConfigureAwait(false);
        var name = $"test_{Guid.NewGuid():N}";
        await CreateTrackedAsync(name, CancellationToken.None).ConfigureAwait(false);
        databaseName = name;
    }

    /// <summary>
    /// Creates another empty database for a test that needs a second clean one (e.g. restore a backup into it);
    /// dropped with the fixture. Returns its connection string.
    /// </summary>
    public async Task<string> CreateExtraDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = $"{DatabaseName}_x{Interlocked.Increment(ref extraCount)}";
        await CreateTrackedAsync(name, cancellationToken).ConfigureAwait(false);
        return Server.ConnectionStringFor(name);
    }

    /// <summary>Opens a connection to this fixture's database; the caller disposes it.</summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Drops every database this fixture created, forcing their connections closed.</summary>
    public virtual async Task DisposeAsync()
    {
        if (server is null)
        {
            return;
        }
        string[] toDrop;
        lock (databases)
        {
            toDrop = [.. databases];
            databases.Clear();
        }
        foreach (var name in toDrop)
        {
            await server.DropDatabaseAsync(name).ConfigureAwait(false);
        }
    }

    private async Task CreateTrackedAsync(string name, CancellationToken cancellationToken)
    {
        await Server.CreateDatabaseAsync(name, cancellationToken).ConfigureAwait(false);
        lock (databases)
        {
            databases.Add(name);
        }
    }

    private static InvalidOperationException NotInitialized() =>
        new("PostgresDatabaseFixture is not initialised yet; xunit calls InitializeAsync before the tests run.");
}
