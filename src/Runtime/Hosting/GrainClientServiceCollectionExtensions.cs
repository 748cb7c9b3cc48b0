using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PacificEdge.Runtime.Clustering;
using PacificEdge.Runtime.Placement;

namespace PacificEdge.Runtime.Hosting;

/// <summary>Registers a grain client in a process that hosts no grains (a separate front end).</summary>
public static class GrainClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds an <see cref="IGrainFactory"/> whose calls go straight to each grain's owning silo over
    /// the silo transport: the client reads the membership table (at start and every
    /// <see cref="ClusterOptions.TableRefreshInterval"/>), places grains with the same rendezvous
    /// hashing as the silos, never activates a grain, and retries calls whose silo became unavailable
    /// (see <see cref="ClusterOptions"/>). Choose the table with <see cref="GrainClientBuilder.UsePostgres"/>
    /// or <see cref="GrainClientBuilder.UseMembershipTable"/>. <see cref="IClusterMembership"/> exposes the view.
    /// </summary>
    /// <exception cref="InvalidOperationException">No membership table was chosen.</exception>
    public static IServiceCollection AddGrainClient(this IServiceCollection services, Action<GrainClientBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        if (services.Any(d => d.ServiceType == typeof(SiloLifetime)))
        {
            throw new InvalidOperationException("This process already hosts a silo; use the silo's IGrainFactory instead of a grain client.");
        }

        GrainSiloServiceCollectionExtensions.AddGrainRuntimeCore(services);
        GrainSiloServiceCollectionExtensions.AddClusterCore(services);
        services.TryAddSingleton<IPlacementDirector>(sp => new ConsistentHashPlacementDirector(sp.GetRequiredService<MembershipView>(), local: null, lifetime: null));
        services.AddHostedService<MembershipRefreshService>();
        configure(new GrainClientBuilder(services));
        if (!services.Any(d => d.ServiceType == typeof(IMembershipTable)))
        {
            throw new InvalidOperationException("A grain client needs a membership table: call UsePostgres() or UseMembershipTable(...).");
        }

        return services;
    }
}
