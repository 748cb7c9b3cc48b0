namespace PacificEdge.Runtime;

/// <summary>
/// A grain's persisted state. Read before <see cref="Grain.OnActivateAsync"/>; every write is
/// conditional on the <see cref="Etag"/> this activation last read or wrote, so a duplicate
/// activation can never overwrite newer state.
/// </summary>
public interface IPersistentState<TState>
    where TState : new()
{
    /// <summary>The state. A new <typeparamref name="TState"/> when no record exists.</summary>
    TState State { get; set; }

    /// <summary>The version token of the stored record, or <see langword="null"/> if never written.</summary>
    string? Etag { get; }

    /// <summary>Whether a record is stored (false after <see cref="ClearStateAsync"/>).</summary>
    bool RecordExists { get; }

    /// <summary>Re-reads the state from storage, replacing <see cref="State"/>.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes <see cref="State"/>. Returns only after the storage has committed it.</summary>
    /// <exception cref="InconsistentStateException">The stored version is not the one this activation holds.</exception>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the stored state (keeping a tombstone version so no stale writer can resurrect it).</summary>
    /// <exception cref="InconsistentStateException">The stored version is not the one this activation holds.</exception>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
