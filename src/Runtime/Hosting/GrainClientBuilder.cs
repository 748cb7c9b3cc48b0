using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PacificEdge.Runtime.Clustering;
using PacificEdge.Runtime.Storage;

namespace PacificEdge.Runtime.Hosting;

/// <summary>Configures a grain client: where it reads cluster membership.</summary>
public sealed class GrainClientBuilder
{
    internal GrainClientBuilder(IServiceCollection services) => Services = services;

    /// <summary>The client's service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Reads membership from PostgreSQL. The connection string comes from <see cref="PostgresOptions"/>
    /// (section <c>Runtime:Postgres</c>) unless <paramref name="configure"/> sets it. A client applies
    /// no migrations: silos (or the <c>migrate</c> command) do.
    /// </summary>
    public GrainClientBuilder UsePostgres(Action<PostgresOptions>? configure = null)
    {
        var options = Services.AddOptions<PostgresOptions>().BindConfiguration(PostgresOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "Runtime:Postgres:ConnectionString is required.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        Services.TryAddSingleton(sp => PostgresDataSourceFactory.Create(sp.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString));
        Services.Replace(ServiceDescriptor.Singleton<IMembershipTable, PostgresMembershipTable>());
        return this;
    }

    /// <summary>Reads membership from the given table (a <see cref="MemoryMembershipTable"/> shared with in-memory test silos).</summary>
    public GrainClientBuilder UseMembershipTable(IMembershipTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Services.Replace(ServiceDescriptor.Singleton(table));
        return this;
    }

    /// <summary>Adjusts the cluster options after configuration (section <c>Runtime:Cluster</c>) is bound.</summary>
    public GrainClientBuilder ConfigureCluster(Action<ClusterOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }
}
