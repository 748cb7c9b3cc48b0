using PacificEdge.Testing;

namespace PacificEdge.WebFrontend.Tests.Support;

/// <summary>One running store per test class, on its own database.</summary>
public sealed class StoreFixture : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();

    public StoreApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        App = new StoreApp(_database.ConnectionString).Start();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _database.DisposeAsync();
    }
}
