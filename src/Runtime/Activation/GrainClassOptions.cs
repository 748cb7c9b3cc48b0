namespace PacificEdge.Runtime.Activation;

/// <summary>The grain classes a silo hosts. Filled by <c>SiloBuilder.AddGrain</c> / <c>AddGrainsFromAssembly</c>.</summary>
public sealed class GrainClassOptions
{
    /// <summary>Grain classes to host.</summary>
    public List<Type> GrainClasses { get; } = [];
}
