using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PacificEdge.Runtime.Hosting;

namespace PacificEdge.Runtime.Testing;

/// <summary>Fluent set-up of a <see cref="TestCluster"/>, as in Orleans.TestingHost.</summary>
public sealed class TestClusterBuilder
{
    private readonly TestClusterOptions _options = new();

    /// <summary>Number of silos to start.</summary>
    public TestClusterBuilder WithSilos(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _options.InitialSilosCount = count;
        return this;
    }

    /// <summary>Stores state and reminders in PostgreSQL (migrations are applied when the first silo starts).</summary>
    public TestClusterBuilder UsePostgres(string connectionString)
    {
        _options.PostgresConnectionString = connectionString;
        return this;
    }

    /// <summary>
    /// Makes the silos a cluster: membership table (PostgreSQL with <see cref="UsePostgres"/>, shared
    /// memory otherwise), consistent-hash placement, HTTP between silos on loopback ports, and a
    /// grain client as <see cref="TestCluster.Client"/>. Test-friendly timings (1 s heartbeats, 5 s
    /// death timeout) apply unless configured otherwise.
    /// </summary>
    public TestClusterBuilder UseClustering()
    {
        _options.UseClustering = true;
        return this;
    }

    /// <summary>Hosts the grain classes of an assembly.</summary>
    public TestClusterBuilder AddGrainsFromAssembly(Assembly assembly) => ConfigureSilo(s => s.AddGrainsFromAssembly(assembly));

    /// <summary>Hosts one grain class.</summary>
    public TestClusterBuilder AddGrain<TGrain>()
        where TGrain : Grain
        => ConfigureSilo(s => s.AddGrain<TGrain>());

    /// <summary>Sets a configuration value on every silo.</summary>
    public TestClusterBuilder WithConfiguration(string key, string? value)
    {
        _options.Configuration[key] = value;
        return this;
    }

    /// <summary>Sets a configuration value on every silo from a <see cref="TimeSpan"/>.</summary>
    public TestClusterBuilder WithConfiguration(string key, TimeSpan value) => WithConfiguration(key, value.ToString("c"));

    /// <summary>Adjusts every silo.</summary>
    public TestClusterBuilder ConfigureSilo(Action<SiloBuilder> configure)
    {
        _options.SiloConfigurators.Add(configure);
        return this;
    }

    /// <summary>Adds services to every silo.</summary>
    public TestClusterBuilder ConfigureServices(Action<IServiceCollection> configure)
    {
        _options.ServiceConfigurators.Add(configure);
        return this;
    }

    /// <summary>Sets up logging for every silo.</summary>
    public TestClusterBuilder ConfigureLogging(Action<ILoggingBuilder> configure)
    {
        _options.ConfigureLogging = configure;
        return this;
    }

    /// <summary>Creates the cluster (not started; call <see cref="TestCluster.DeployAsync"/>).</summary>
    public TestCluster Build() => new(_options);
}
