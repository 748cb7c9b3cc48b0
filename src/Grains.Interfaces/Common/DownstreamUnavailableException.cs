namespace PacificEdge.Grains.Interfaces.Common;

/// <summary>
/// A grain's own call to another grain failed because a silo was unavailable or the message was rejected. The
/// outer call did run (in part), so unlike a rejection of the outer call itself it is not retried automatically;
/// the front end answers 503 with Retry-After and the caller retries with the same input (idempotency keys).
/// </summary>
[GenerateSerializer]
[Alias("pe.errors.downstream-unavailable")]
public sealed class DownstreamUnavailableException(string message) : Exception(message);
