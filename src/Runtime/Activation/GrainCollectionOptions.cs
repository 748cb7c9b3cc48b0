namespace PacificEdge.Runtime.Activation;

/// <summary>Options for idle activation collection (R9).</summary>
public sealed class GrainCollectionOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Runtime:Collection";

    /// <summary>Activations idle longer than this are deactivated. Default 15 minutes, as in Orleans.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the collector looks for idle activations. Default 1 minute.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Per grain class overrides, keyed by the class's full name (an attribute on the class wins over the default, this wins over both).</summary>
    public Dictionary<string, TimeSpan> ClassSpecificCollectionAge { get; } = new(StringComparer.Ordinal);

    /// <summary>How long <see cref="Grain.OnDeactivateAsync"/> may run before it is abandoned. Default 30 s.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <see cref="Grain.OnActivateAsync"/> (with the state read) may run. Default 30 s.</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
