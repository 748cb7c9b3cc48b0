using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using PacificEdge.Runtime.Activation;
using PacificEdge.Runtime.Clustering;
using PacificEdge.Runtime.Clustering.Transport;
using PacificEdge.Runtime.Placement;
using PacificEdge.Runtime.Reminders;
using PacificEdge.Runtime.Storage;

namespace PacificEdge.Runtime.Hosting;

/// <summary>Configures a silo: which grains it hosts and where state and reminders live.</summary>
public sealed class SiloBuilder
{
    internal SiloBuilder(IServiceCollection services) => Services = services;

    /// <summary>The silo's service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Hosts a grain class.</summary>
    public SiloBuilder AddGrain<TGrain>()
        where TGrain : Grain
    {
        Services.Configure<GrainClassOptions>(o => o.GrainClasses.Add(typeof(TGrain)));
        return this;
    }

    /// <summary>Hosts every concrete grain class in an assembly.</summary>
    public SiloBuilder AddGrainsFromAssembly(Assembly assembly)
    {
        var classes = assembly.GetTypes().Where(t => typeof(Grain).IsAssignableFrom(t) && t is { IsAbstract: false, IsGenericTypeDefinition: false }).ToList();
        Services.Configure<GrainClassOptions>(o => o.GrainClasses.AddRange(classes));
        return this;
    }

    /// <summary>
    /// Joins this silo to a cluster (R10): it registers and heartbeats in the membership table
    /// (PostgreSQL with <see cref="UsePostgres"/>, the in-memory table given to <see cref="UseInMemory"/>,
    /// otherwise a table of its own), hosts the grains that rendezvous hashing places on it, serves
    /// and forwards calls on its silo port (<see cref="ClusterOptions.SiloPort"/>), and retries calls
    /// whose silo became unavailable. Options: configuration section <c>Runtime:Cluster</c>, then
    /// <paramref name="configure"/>.
    /// </summary>
    public SiloBuilder UseClustering(Action<ClusterOptions>? configure = null)
    {
        GrainSiloServiceCollectionExtensions.AddClusterCore(Services);
        if (configure is not null)
        {
            Services.Configure(configure);
        }

        Services.TryAddSingleton<IMembershipTable, MemoryMembershipTable>();
        Services.Replace(ServiceDescriptor.Singleton<IPlacementDirector>(sp => new ConsistentHashPlacementDirector(
            sp.GetRequiredService<MembershipView>(), sp.GetRequiredService<ILocalSiloDetails>(), sp.GetRequiredService<SiloLifetime>())));
        Services.TryAddSingleton<SiloHttpApplication>();
        Services.TryAddSingleton<SiloTransportServer>();
        Services.TryAddSingleton<SiloMembershipAgent>();
        return this;
    }

    /// <summary>
    /// Uses PostgreSQL for the default grain storage and for reminders, and applies the runtime's
    /// migrations at start-up. The connection string comes from <see cref="PostgresOptions"/>
    /// (configuration section <c>Runtime:Postgres</c>) unless <paramref name="configure"/> sets it.
    /// </summary>
    public SiloBuilder UsePostgres(Action<PostgresOptions>? configure = null)
    {
        var options = Services.AddOptions<PostgresOptions>().BindConfiguration(PostgresOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "Runtime:Postgres:ConnectionString is required.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        Services.TryAddSingleton(sp => PostgresDataSourceFactory.Create(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<PostgresOptions>>().Value.ConnectionString));
        Services.TryAddSingleton<MigrationRunner>();
        AddMigrations(new MigrationSource("runtime", typeof(SiloBuilder).Assembly));
        Services.AddKeyedSingleton<IGrainStorage, PostgresGrainStorage>(PersistentStateAttribute.DefaultStorageName);
        Services.Replace(ServiceDescriptor.Singleton<IReminderTable, PostgresReminderTable>());
        Services.Replace(ServiceDescriptor.Singleton<IMembershipTable, PostgresMembershipTable>());
        return this;
    }

    /// <summary>
    /// Uses in-memory storage, reminders and (when clustered) membership: unit tests of grain logic
    /// only. Pass shared instances to keep data across silo restarts or share it between silos.
    /// </summary>
    public SiloBuilder UseInMemory(MemoryGrainStorage? storage = null, MemoryReminderTable? reminders = null, MemoryMembershipTable? membership = null)
    {
        AddGrainStorage(PersistentStateAttribute.DefaultStorageName, storage ?? new MemoryGrainStorage());
        Services.Replace(ServiceDescriptor.Singleton<IReminderTable>(reminders ?? new MemoryReminderTable()));
        if (membership is not null)
        {
            Services.Replace(ServiceDescriptor.Singleton<IMembershipTable>(membership));
        }

        return this;
    }

    /// <summary>Registers a named grain storage provider.</summary>
    public SiloBuilder AddGrainStorage(string name, IGrainStorage storage)
    {
        Services.AddKeyedSingleton(name, storage);
        return this;
    }

    /// <summary>Adds a module's SQL migrations, applied at start-up with the runtime's.</summary>
    public SiloBuilder AddMigrations(MigrationSource source)
    {
        Services.AddSingleton(source);
        return this;
    }
}
