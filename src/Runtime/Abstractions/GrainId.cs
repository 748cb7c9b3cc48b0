using System.Text.Json.Serialization;

namespace PacificEdge.Runtime;

/// <summary>
/// The identity of a grain: its type (a stable alias of its grain interface, see
/// <see cref="GrainTypeAttribute"/>) and its key. Equal ids always mean the same grain.
/// </summary>
/// <param name="Type">The grain type alias.</param>
/// <param name="Key">The grain key, in string form.</param>
public readonly record struct GrainId(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("key")] string Key)
{
    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Key}";
}
