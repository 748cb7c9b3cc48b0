using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;
using PacificEdge.Grains.Common;
using PacificEdge.Grains.Hosting;
using PacificEdge.Grains.Interfaces;
using PacificEdge.Persistence;
using PacificEdge.Simulators.Hosting;

namespace PacificEdge.Grains.Tests.Support;

/// <summary>
/// Builds an Orleans InProcessTestCluster hosting the commerce grains: state and reminders in
/// PostgreSQL (a database migrated by our own migrations) or, for grain-logic tests, in memory.
/// </summary>
public sealed class CommerceClusterBuilder(string? postgres)
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);
    private readonly List<Action<IServiceCollection>> _services = [];

    /// <summary>Fixed, so a cluster started again on the same database finds its grains' state and reminders.</summary>
    public string ServiceId { get; set; } = "pacificedge-tests";

    public CommerceClusterBuilder WithConfiguration(string key, object value)
    {
        _settings[key] = Convert.ToString(value, CultureInfo.InvariantCulture);
        return this;
    }

    /// <summary>Adds services to every silo (registered after the commerce services, so they win where those use TryAdd).</summary>
    public CommerceClusterBuilder ConfigureServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public async Task<CommerceTestCluster> BuildAsync()
    {
        if (postgres is not null)
        {
            await MigrateAsync(postgres);
        }

        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = ServiceId;
        var settings = new Dictionary<string, string?>(_settings);
        builder.ConfigureHost(host => host.Configuration.AddInMemoryCollection(settings));
        builder.ConfigureSilo((_, silo) =>
        {
            if (postgres is null)
            {
                silo.AddJsonMemoryGrainStorage(CommerceStorage.Name);
                silo.UseInMemoryReminderService();
            }
            else
            {
                silo.Services.AddPostgres();
                silo.AddPostgresGrainStorage(CommerceStorage.Name);
                silo.UseAdoNetReminderService(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = postgres;
                });
            }

            // A killed silo is voted dead within seconds, so restart tests do not wait on production timings.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
            silo.AddCommerceGrains(usePostgres: postgres is not null);
            silo.Services.AddCommerceSimulators(usePostgres: postgres is not null);
            silo.Services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add(ContractSerialization.NamespacePrefix));
            foreach (var configure in _services)
            {
                configure(silo.Services);
            }
        });
        builder.ConfigureClient(client =>
        {
            // A restarted silo is found within a second, not the default minute.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            client.Services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add(ContractSerialization.NamespacePrefix));
        });
        if (postgres is not null)
        {
            builder.ConfigureHost(host => host.Configuration[DatabaseKey] = postgres);
        }

        return new CommerceTestCluster(builder.Build());
    }

    private const string DatabaseKey = "Postgres:ConnectionString";

    /// <summary>Applies every module's migrations (Orleans schema, grain state, commerce) to the database.</summary>
    public static async Task MigrateAsync(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [DatabaseKey] = connectionString }).Build());
        services.AddPostgres();
        services.AddMigrations(new MigrationSource("commerce", typeof(CommerceSiloBuilderExtensions).Assembly));
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<MigrationRunner>().ApplyAsync(CancellationToken.None);
    }
}
