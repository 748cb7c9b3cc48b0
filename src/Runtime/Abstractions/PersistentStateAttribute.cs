namespace PacificEdge.Runtime;

/// <summary>
/// Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/> to be
/// supplied by the runtime, bound to the activation's grain id.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string storageName = PersistentStateAttribute.DefaultStorageName) : Attribute
{
    /// <summary>The storage provider name used when none is given.</summary>
    public const string DefaultStorageName = "Default";

    /// <summary>The state's name, unique within the grain.</summary>
    public string StateName { get; } = stateName;

    /// <summary>The name of the registered storage provider.</summary>
    public string StorageName { get; } = storageName;
}
