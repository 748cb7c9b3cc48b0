namespace PacificEdge.Runtime.Storage;

/// <summary>A stored state: payload (null for a cleared record) and its version token.</summary>
/// <param name="Payload">UTF-8 JSON, or <see langword="null"/> after a clear.</param>
/// <param name="Etag">The version token to pass to the next conditional write.</param>
public sealed record GrainStateRecord(byte[]? Payload, string Etag);
