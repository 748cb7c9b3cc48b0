using PacificEdge.Runtime.Hosting;

namespace PacificEdge.Grains;

/// <summary>Registers the commerce grains with a silo.</summary>
public static class CommerceSiloBuilderExtensions
{
    /// <summary>Hosts every grain class of the commerce domain.</summary>
    public static SiloBuilder AddCommerceGrains(this SiloBuilder silo)
        => silo.AddGrainsFromAssembly(typeof(CommerceSiloBuilderExtensions).Assembly);
}
