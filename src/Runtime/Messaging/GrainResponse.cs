using System.Text.Json.Serialization;

namespace PacificEdge.Runtime.Messaging;

/// <summary>The outcome of a grain call: an encoded result or an error.</summary>
public sealed class GrainResponse
{
    /// <summary>A completed call with no value.</summary>
    public static readonly GrainResponse Empty = new();

    /// <summary>UTF-8 JSON of the result, or <see langword="null"/> for methods that return no value.</summary>
    [JsonPropertyName("result")]
    public byte[]? Result { get; init; }

    /// <summary>The error, when the call failed.</summary>
    [JsonPropertyName("error")]
    public GrainError? Error { get; init; }

    /// <summary>Creates a successful response.</summary>
    public static GrainResponse FromResult(byte[]? result) => result is null ? Empty : new GrainResponse { Result = result };

    /// <summary>Creates a failed response.</summary>
    public static GrainResponse FromError(GrainError error) => new() { Error = error };
}
