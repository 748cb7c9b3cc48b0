namespace PacificEdge.Grains.Interfaces.Common;

/// <summary>
/// The database could not be reached for a passing reason (restart, failover, connection limit): the call
/// changed nothing that was acknowledged and may be retried. The front end answers 503 with Retry-After.
/// </summary>
[GenerateSerializer]
[Alias("pe.errors.storage-unavailable")]
public sealed class StorageUnavailableException(string message) : Exception(message);
