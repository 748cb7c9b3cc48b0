namespace PacificEdge.Runtime.Storage;

/// <summary>
/// A grain state storage provider. Payloads are opaque UTF-8 JSON from the codec; the provider
/// owns versions. Every write and clear is conditional on the caller's ETag.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads a state record, or <see langword="null"/> when none was ever written.</summary>
    Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken);

    /// <summary>Writes a payload if the stored version equals <paramref name="etag"/> (null: no record yet). Returns the new ETag after commit.</summary>
    /// <exception cref="InconsistentStateException">The stored version differs.</exception>
    Task<string> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> payload, string? etag, CancellationToken cancellationToken);

    /// <summary>Replaces the payload with a tombstone under the same condition. Returns the new ETag.</summary>
    /// <exception cref="InconsistentStateException">The stored version differs.</exception>
    Task<string> ClearAsync(GrainId grainId, string stateName, string? etag, CancellationToken cancellationToken);
}
