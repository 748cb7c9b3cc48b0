using System.Globalization;

namespace PacificEdge.Runtime.Storage;

/// <summary>
/// In-memory grain storage with the same versioning rules as PostgreSQL. For unit tests of grain
/// logic only: nothing survives the process.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly Dictionary<(GrainId, string), (byte[]? Payload, long Version)> _records = new();
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_records.TryGetValue((grainId, stateName), out var record)
                ? new GrainStateRecord(record.Payload?.ToArray(), Format(record.Version))
                : null);
        }
    }

    /// <inheritdoc />
    public Task<string> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> payload, string? etag, CancellationToken cancellationToken)
        => Task.FromResult(Put(grainId, stateName, payload.ToArray(), etag));

    /// <inheritdoc />
    public Task<string> ClearAsync(GrainId grainId, string stateName, string? etag, CancellationToken cancellationToken)
        => Task.FromResult(Put(grainId, stateName, null, etag));

    private string Put(GrainId grainId, string stateName, byte[]? payload, string? etag)
    {
        lock (_lock)
        {
            var exists = _records.TryGetValue((grainId, stateName), out var current);
            var stored = exists ? Format(current.Version) : null;
            if (stored != etag)
            {
                throw new InconsistentStateException($"Version conflict writing {stateName} of {grainId}", etag, stored);
            }

            var version = exists ? current.Version + 1 : 1;
            _records[(grainId, stateName)] = (payload, version);
            return Format(version);
        }
    }

    private static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);
}
