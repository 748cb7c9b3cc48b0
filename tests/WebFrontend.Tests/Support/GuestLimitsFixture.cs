using PacificEdge.Testing;

namespace PacificEdge.WebFrontend.Tests.Support;

/// <summary>
/// A running store with the production guest limits per email (StoreApp raises them for the other
/// test classes). The per-address limit stays raised: every test client comes from 127.0.0.1.
/// </summary>
public sealed class GuestLimitsFixture : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();

    public StoreApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        App = new StoreApp(_database.ConnectionString, new Dictionary<string, string>
        {
            ["Commerce:GuestCheckout:MaxOpenOrdersPerEmail"] = "3",
            // Every test client comes from 127.0.0.1 and this class checks out often (in parallel too): the per-address
            // checkout rate limit is not under test here.
            ["Frontend:RateLimits:CheckoutsPerMinute"] = "100000",
        }).Start();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _database.DisposeAsync();
    }
}
