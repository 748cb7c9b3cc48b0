using System.Text.Json.Serialization;

namespace PacificEdge.WebFrontend.Infrastructure.Telemetry;

/// <summary>The body of a Slack-compatible incoming webhook.</summary>
public sealed record ChatMessage([property: JsonPropertyName("text")] string Text);
