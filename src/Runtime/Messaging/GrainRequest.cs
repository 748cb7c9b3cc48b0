using System.Text.Json.Serialization;

namespace PacificEdge.Runtime.Messaging;

/// <summary>
/// One grain call as a serialisable message. Arguments are already encoded by the codec, so the
/// same message can be handled in-process or sent to another silo unchanged.
/// </summary>
public sealed class GrainRequest
{
    /// <summary>The grain being called.</summary>
    [JsonPropertyName("target")]
    public required GrainId Target { get; init; }

    /// <summary>Full name of the grain interface the method belongs to.</summary>
    [JsonPropertyName("interface")]
    public required string Interface { get; init; }

    /// <summary>Method name (grain interfaces have no overloads).</summary>
    [JsonPropertyName("method")]
    public required string Method { get; init; }

    /// <summary>UTF-8 JSON array of the arguments, or <see langword="null"/> when there are none.</summary>
    [JsonPropertyName("args")]
    public byte[]? Arguments { get; init; }

    /// <summary>How many times a silo has forwarded this call to another silo (bounded to stop loops).</summary>
    [JsonPropertyName("hops")]
    public int ForwardCount { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{Target}.{Method}";
}
