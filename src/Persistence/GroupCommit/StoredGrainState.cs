namespace PacificEdge.Persistence.GroupCommit;

/// <summary>A grain's stored state row: the JSON payload (null for a tombstone) and its version.</summary>
internal sealed record StoredGrainState(string? Json, long Version);
