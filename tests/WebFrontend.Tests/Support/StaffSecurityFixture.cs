using PacificEdge.Testing;

namespace PacificEdge.WebFrontend.Tests.Support;

/// <summary>
/// A store as production runs it for staff: a second factor required, and the admin area open only to
/// <see cref="AllowedNetwork"/>, as seen through the ingress (127.0.0.1 is the trusted proxy).
/// </summary>
public sealed class StaffSecurityFixture : IAsyncLifetime
{
    public const string AllowedNetwork = "198.51.100.0/24";

    private readonly PostgresDatabaseFixture _database = new();

    public StoreApp App { get; private set; } = null!;

    public string ConnectionString => _database.ConnectionString;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        App = new StoreApp(_database.ConnectionString, new Dictionary<string, string>
        {
            ["Security:RequireStaffTwoFactor"] = "true",
            ["Security:AdminAllowList:0"] = AllowedNetwork,
            ["Frontend:TrustedProxies:0"] = "127.0.0.1",
        }).Start();
    }

    /// <summary>A client that the ingress reports as coming from <paramref name="address"/>.</summary>
    public HttpClient ClientFrom(string address)
    {
        var client = App.NewClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}
