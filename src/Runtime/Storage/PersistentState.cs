using System.Diagnostics;
using PacificEdge.Runtime.Diagnostics;
using PacificEdge.Runtime.Serialization;

namespace PacificEdge.Runtime.Storage;

/// <summary>The runtime's <see cref="IPersistentState{TState}"/>: codec on one side, a storage provider on the other.</summary>
internal sealed class PersistentState<TState>(
    GrainId grainId,
    string stateName,
    IGrainStorage storage,
    GrainCodec codec,
    RuntimeMetrics metrics,
    CancellationToken siloAborted) : IPersistentState<TState>, IActivationState
    where TState : new()
{
    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var record = await Measure("read", () => storage.ReadAsync(grainId, stateName, cancellationToken)).ConfigureAwait(false);
        Etag = record?.Etag;
        RecordExists = record?.Payload is not null;
        State = record?.Payload is { } payload ? codec.DeserializeValue<TState>(payload) : new TState();
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfSiloDead();
        var payload = codec.SerializeValue(State);
        Etag = await Measure("write", () => storage.WriteAsync(grainId, stateName, payload, Etag, cancellationToken)).ConfigureAwait(false);
        RecordExists = true;
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfSiloDead();
        Etag = await Measure("clear", () => storage.ClearAsync(grainId, stateName, Etag, cancellationToken)).ConfigureAwait(false);
        State = new TState();
        RecordExists = false;
    }

    /// <summary>
    /// A silo that crashed (test kill) or was declared dead must not write: its grains may already
    /// be active elsewhere. ETags would reject a stale write anyway; this stops one that is not yet stale.
    /// </summary>
    private void ThrowIfSiloDead()
    {
        if (siloAborted.IsCancellationRequested)
        {
            throw new SiloUnavailableException($"The silo hosting {grainId} is dead; its state is not written.");
        }
    }

    private async Task<T> Measure<T>(string operation, Func<Task<T>> action)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await action().ConfigureAwait(false);
            metrics.StorageOperation(operation, Stopwatch.GetElapsedTime(started));
            return result;
        }
        catch (InconsistentStateException)
        {
            metrics.StorageFailed(operation, "inconsistent");
            throw;
        }
        catch (Exception)
        {
            metrics.StorageFailed(operation, "error");
            throw;
        }
    }
}
