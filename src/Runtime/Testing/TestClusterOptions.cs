using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PacificEdge.Runtime.Hosting;

namespace PacificEdge.Runtime.Testing;

/// <summary>How a <see cref="TestCluster"/> builds its silos.</summary>
public sealed class TestClusterOptions
{
    /// <summary>Silos started by <see cref="TestCluster.DeployAsync"/>. Default 1.</summary>
    public int InitialSilosCount { get; set; } = 1;

    /// <summary>PostgreSQL connection string for state and reminders; <see langword="null"/> for shared in-memory storage.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Configuration values for every silo, e.g. <c>["Runtime:Messaging:ResponseTimeout"] = "00:00:01"</c>.</summary>
    public Dictionary<string, string?> Configuration { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds grains and providers to every silo.</summary>
    public List<Action<SiloBuilder>> SiloConfigurators { get; } = [];

    /// <summary>Adds services to every silo (test probes, fakes).</summary>
    public List<Action<IServiceCollection>> ServiceConfigurators { get; } = [];

    /// <summary>
    /// Whether the silos form a cluster (R10): membership in PostgreSQL or shared memory, each silo
    /// with its own silo port on loopback, and <see cref="TestCluster.Client"/> a real grain client.
    /// Default false: independent single-silo placement, every silo hosts every grain it is called for.
    /// </summary>
    public bool UseClustering { get; set; }

    /// <summary>The cluster id in the membership table. Default: unique per test cluster, so clusters sharing a database never meet.</summary>
    public string ClusterId { get; set; } = $"test-{Guid.NewGuid():N}";

    /// <summary>Logging for every silo. Default: none.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }
}
