using PacificEdge.Testing;

namespace PacificEdge.WebFrontend.Tests.Support;

/// <summary>
/// A store for the account security tests: sessions checked every second, the per-account+address attempt limit out of
/// the way (so lockout shows), production-like per-address limits, and 127.0.0.1 as a trusted proxy so each test
/// can come from its own client address (X-Forwarded-For). Emailed links are in <see cref="StoreApp.Mail"/>.
/// </summary>
public sealed class AccountSecurityFixture : IAsyncLifetime
{
    public const int FailuresPerAddress = 8;
    public const int AccountRequestsPerAddress = 4;

    private readonly PostgresDatabaseFixture _database = new();
    private int _nextAddress;

    public StoreApp App { get; private set; } = null!;

    public string ConnectionString => _database.ConnectionString;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        App = new StoreApp(_database.ConnectionString, new Dictionary<string, string>
        {
            ["Security:SessionValidationInterval"] = "00:00:01",
            ["Frontend:RateLimits:LoginAttempts"] = "1000",
            ["Security:LoginFailuresPerAddress"] = FailuresPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Security:AccountRequestsPerAddressPerHour"] = AccountRequestsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Frontend:TrustedProxies:0"] = "127.0.0.1",
        }).Start();
    }

    /// <summary>A client whose requests come (through the trusted proxy) from an address no other test uses.</summary>
    public HttpClient NewClientFromOwnAddress()
    {
        var client = App.NewClient();
        var n = Interlocked.Increment(ref _nextAddress);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.{n / 250}.{(n % 250) + 1}");
        return client;
    }

    /// <summary>An email address no other test uses, starting with <paramref name="name"/>.</summary>
    public static string NewEmail(string name) => $"{name}-{Guid.NewGuid():N}@example.test";

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}
