namespace PacificEdge.Runtime;

/// <summary>Overrides the idle collection age for one grain class.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CollectionAgeLimitAttribute : Attribute
{
    /// <summary>Minutes of idleness before the activation is collected.</summary>
    public double Minutes { get; init; }

    /// <summary>Seconds of idleness before collection (added to <see cref="Minutes"/>).</summary>
    public double Seconds { get; init; }

    /// <summary>The resulting age.</summary>
    public TimeSpan Amount => TimeSpan.FromMinutes(Minutes) + TimeSpan.FromSeconds(Seconds);
}
