using System.Text.Json.Serialization;

namespace PacificEdge.Runtime.Messaging;

/// <summary>An exception as it crosses the grain boundary: its type name and message, never a stack trace.</summary>
/// <param name="Type">Full name of the exception type.</param>
/// <param name="Message">The exception message.</param>
public sealed record GrainError(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("message")] string Message);
