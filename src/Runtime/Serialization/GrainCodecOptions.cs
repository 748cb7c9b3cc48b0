using System.Text.Json;

namespace PacificEdge.Runtime.Serialization;

/// <summary>Options for the grain codec.</summary>
public sealed class GrainCodecOptions
{
    /// <summary>
    /// Hooks that adjust the serializer options (add converters, type info resolvers). Defaults:
    /// web naming (camelCase), enums as strings, grain references as (interface, key).
    /// </summary>
    public IList<Action<JsonSerializerOptions>> Configure { get; } = new List<Action<JsonSerializerOptions>>();
}
