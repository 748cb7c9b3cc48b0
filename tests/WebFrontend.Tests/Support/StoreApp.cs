using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using PacificEdge.Testing;
using PacificEdge.WebFrontend.Security;

namespace PacificEdge.WebFrontend.Tests.Support;

/// <summary>
/// The co-hosted system (silo + front end) on a real Kestrel port over a fresh PostgreSQL
/// database, with the demo catalog, a bootstrapped admin and test-sized timings. The payment
/// sandbox delivers its signed webhooks over HTTP to this app's own endpoint, as in production.
/// </summary>
public sealed class StoreApp : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@pacificedge.test";
    public const string AdminPassword = "correct-horse-battery-staple";
    public const string WebhookSecret = "whsec_store_tests_only_0123456789";
    public const string ShippingToken = "ship-token-tests-only";

    private readonly string _connectionString;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, CookieContainer> _cookies = new();
    private readonly Dictionary<string, string> _settings;
    private readonly Action<IServiceCollection>? _services;

    public StoreApp(string connectionString, IDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        _connectionString = connectionString;
        _services = services;
        Port = FreeTcpPort.Pick();
        _settings = new Dictionary<string, string>(settings ?? new Dictionary<string, string>());
        UseKestrel(Port);
    }

    public int Port { get; }

    /// <summary>What the app logged.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>The account emails sent (registration, password reset, ...), with their links.</summary>
    public AccountMailbox Mail { get; } = new();

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts the server (idempotent).</summary>
    public StoreApp Start()
    {
        StartServer();
        return this;
    }

    /// <summary>A browser-like client with its own cookie jar.</summary>
    public HttpClient NewClient()
    {
        Start();
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = BaseAddress,
        };
        _cookies.Add(client, cookies);
        return client;
    }

    /// <summary>The client's cookies as a Cookie header (for the JavaScript SignalR client and the browser).</summary>
    public string CookieHeader(HttpClient client) => _cookies.TryGetValue(client, out var cookies) ? cookies.GetCookieHeader(BaseAddress) : "";

    public IReadOnlyList<Cookie> Cookies(HttpClient client) => _cookies.TryGetValue(client, out var cookies) ? cookies.GetAllCookies().ToList() : [];

    public async Task<HttpClient> SignedInAdminAsync()
    {
        var client = NewClient();
        (await client.PostAsJsonAsync("/api/auth/login", new { email = AdminEmail, password = AdminPassword })).EnsureSuccessStatusCode();
        return client;
    }

    public async Task<(HttpClient Client, string UserId)> NewCustomerAsync(string name)
    {
        var client = NewClient();
        var me = await RegisterAsync(client, $"{name}-{Guid.NewGuid():N}@example.test", "a-long-enough-password");
        return (client, me.UserId);
    }

    /// <summary>Registers as a shopper does: asks, follows the emailed link; <paramref name="client"/> is then signed in.</summary>
    public async Task<Me> RegisterAsync(HttpClient client, string email, string password)
    {
        using var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, password });
        if (registered.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Registering {email} answered {(int)registered.StatusCode}: {await registered.Content.ReadAsStringAsync()}");
        }

        using var confirmed = await client.PostAsJsonAsync("/api/auth/confirm-registration", new { token = Mail.RegistrationToken(email) });
        confirmed.EnsureSuccessStatusCode();
        return (await confirmed.Content.ReadFromJsonAsync<Me>())!;
    }

    /// <summary>Runs <paramref name="use"/> with Identity's UserManager in a scope of its own.</summary>
    public async Task<T> WithUsersAsync<T>(Func<Microsoft.AspNetCore.Identity.UserManager<UserAccount>, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<UserAccount>>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string>
        {
            ["Postgres:ConnectionString"] = _connectionString,
            // Several apps may run at once in one test process: free ports, no dashboard.
            ["Orleans:SiloPort"] = "0",
            ["Orleans:GatewayPort"] = "0",
            ["Commerce:Payments:Sandbox:WebhookSecret"] = WebhookSecret,
            ["Commerce:Payments:Sandbox:WebhookUrl"] = $"http://127.0.0.1:{Port}/webhooks/payments",
            ["Commerce:Payments:Sandbox:DeliveryDelay"] = "00:00:00.020",
            ["Commerce:Payments:Sandbox:SlowDelay"] = "00:00:01",
            ["Commerce:EffectRetryDelay"] = "00:00:01",
            ["Commerce:Demo:Seed"] = "true",
            ["Commerce:PublicBaseUrl"] = $"http://127.0.0.1:{Port}",
            ["Commerce:ShipmentRetry:InitialDelay"] = "00:00:00.200",
            ["Commerce:ReminderPeriod"] = "00:00:01",
            ["Webhooks:ShippingToken"] = ShippingToken,
            ["Frontend:KeyRingSecret"] = "key-ring-secret-for-store-tests-only-0123456789",
            ["Webhooks:ScanInterval"] = "00:00:00.500",
            ["Webhooks:RetryBaseDelay"] = "00:00:00.200",
            ["Frontend:Dashboard:RefreshInterval"] = "00:00:00.300",
            // Test classes check out as guests from 127.0.0.1, mostly as buyer@example.test; the open-order
            // limits are under test only in GuestCheckoutLimitTests, which sets them back.
            ["Commerce:GuestCheckout:MaxOpenOrdersPerEmail"] = "100000",
            ["Commerce:GuestCheckout:MaxOpenOrdersPerClientAddress"] = "100000",
            // Tests poll admin endpoints while waiting for conditions; the 500/min production limit is not under test here.
            ["Frontend:RateLimits:AdminPerMinute"] = "100000",
            // Every test client comes from 127.0.0.1; the per-address limit on order-link requests has its own test.
            ["Frontend:RateLimits:OrderLinksPerMinute"] = "100000",
            // Staff need no second factor here (the default outside Development); TwoFactorTests turn it on.
            ["Security:RequireStaffTwoFactor"] = "false",
            // Every test client comes from 127.0.0.1 and registers many accounts; account security tests set these back.
            ["Security:AccountRequestsPerAddressPerHour"] = "100000",
            ["Security:LoginFailuresPerAddress"] = "100000",
            ["PACIFICEDGE_ADMIN_EMAIL"] = AdminEmail,
            ["PACIFICEDGE_ADMIN_PASSWORD"] = AdminPassword,
        };
        foreach (var (key, value) in _settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
            services.AddSingleton<IAccountMailSender>(sp => new CapturingAccountMailSender(ActivatorUtilities.CreateInstance<GrainAccountMailSender>(sp), Mail));
            _services?.Invoke(services);
        });
    }

    public sealed record Me(string UserId, string Email, string Role, bool TotpEnabled, bool TwoFactorSignedIn = false, bool MustEnrolTwoFactor = false);
}
