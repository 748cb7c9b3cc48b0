using Orleans.Runtime;
using Orleans.Storage;

namespace PacificEdge.Persistence;

/// <summary>
/// In-memory grain storage for unit tests of grain logic, with the same JSON format
/// (<see cref="GrainStateJson"/>), identity and ETag rules as <see cref="PostgresGrainStorage"/>:
/// state is stored as JSON text (so a test sees exactly what survives serialisation), every write
/// is conditional on the ETag, and clearing leaves a tombstone with the next version.
/// </summary>
/// <remarks>Data lives as long as this instance (one per silo); it is not shared between silos.</remarks>
public sealed class JsonMemoryGrainStorage : IGrainStorage
{
    private readonly Dictionary<(string Type, string Key, string State), (string? Json, long Version)> rows = [];
    private readonly Lock gate = new();

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        (string? Json, long Version) row;
        bool found;
        lock (gate)
        {
            found = rows.TryGetValue(KeyOf(stateName, grainId), out row);
        }

        grainState.State = row.Json is null ? GrainStateJson.CreateEmpty<T>() : GrainStateJson.Deserialize<T>(row.Json);
        grainState.ETag = found ? GrainStateVersion.Format(row.Version) : null;
        grainState.RecordExists = row.Json is not null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        grainState.ETag = Write(stateName, grainId, grainState.ETag, GrainStateJson.Serialize(grainState.State));
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        grainState.ETag = Write(stateName, grainId, grainState.ETag, null);
        grainState.State = GrainStateJson.CreateEmpty<T>();
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private string Write(string stateName, GrainId grainId, string? etag, string? json)
    {
        var expected = GrainStateVersion.Parse(etag, stateName);
        var key = KeyOf(stateName, grainId);
        lock (gate)
        {
            long? stored = rows.TryGetValue(key, out var row) ? row.Version : null;
            if (stored != expected)
            {
                throw GrainStateVersion.Conflict(stateName, grainId, stored, etag);
            }

            var version = (stored ?? 0) + 1;
            rows[key] = (json, version);
            return GrainStateVersion.Format(version);
        }
    }

    private static (string, string, string) KeyOf(string stateName, GrainId grainId) =>
        (grainId.Type.ToString(), grainId.Key.ToString(), stateName);
}
