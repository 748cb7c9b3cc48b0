using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PacificEdge.Runtime.Activation;
using PacificEdge.Runtime.Hosting;
using PacificEdge.Runtime.Placement;

namespace PacificEdge.Runtime.Testing;

/// <summary>One silo of a <see cref="TestCluster"/>, hosted in this process.</summary>
public sealed class TestSilo
{
    internal TestSilo(string name, IHost host)
    {
        Name = name;
        Host = host;
    }

    /// <summary>The silo's name.</summary>
    public string Name { get; }

    /// <summary>The silo's services.</summary>
    public IServiceProvider Services => Host.Services;

    /// <summary>The silo's lifecycle status.</summary>
    public SiloStatus Status => Services.GetRequiredService<SiloLifetime>().Status;

    /// <summary>A grain factory that calls from inside this silo.</summary>
    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();

    /// <summary>Activations currently on this silo.</summary>
    public int ActivationCount => Services.GetRequiredService<ActivationCatalog>().Count;

    /// <summary>The silo's address; in a cluster, its silo port and generation.</summary>
    public SiloAddress Address => Services.GetRequiredService<ILocalSiloDetails>().Address;

    /// <summary>Whether this silo currently has an activation of the grain.</summary>
    public bool HasActivation(GrainId grainId) => Services.GetRequiredService<ActivationCatalog>().HasActivation(grainId);

    internal IHost Host { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
