using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PacificEdge.Silo.Tests;

/// <summary>The co-hosted process in memory, pointed at a test database.</summary>
public sealed class SiloAppFactory(string connectionString, bool applyMigrations = true, bool seedDemo = false, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Postgres:ConnectionString", connectionString);
        builder.UseSetting("Postgres:ApplyMigrationsOnStartup", applyMigrations ? "true" : "false");
        // Several apps may run at once in one test process.
        builder.UseSetting("Orleans:SiloPort", "0");
        builder.UseSetting("Orleans:GatewayPort", "0");
        builder.UseSetting("Commerce:Payments:Sandbox:WebhookSecret", "whsec_test_only_not_a_real_secret");
        builder.UseSetting("Frontend:KeyRingSecret", "key-ring-secret-for-silo-tests-only-0123456789");
        builder.UseSetting("Commerce:Demo:Seed", seedDemo ? "true" : "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }
}
