namespace PacificEdge.Runtime.Hosting;

/// <summary>Where a silo is in its life, shared by the services that must stop taking work when it stops.</summary>
public sealed class SiloLifetime : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _aborted = new();
    private volatile SiloStatus _status = SiloStatus.Created;
    private volatile bool _disposed;

    /// <summary>Creates the lifetime (status Created).</summary>
    public SiloLifetime()
    {
        // Taken once: reading a disposed source's Token throws, and a turn cut off by a kill may
        // still look at these after the silo's container has been disposed.
        StoppingToken = _stopping.Token;
        AbortedToken = _aborted.Token;
    }

    /// <summary>The current status.</summary>
    public SiloStatus Status => _status;

    /// <summary>Cancelled when the silo starts shutting down (gracefully or not).</summary>
    public CancellationToken StoppingToken { get; }

    /// <summary>Cancelled when the silo is dead (stopped or crashed): I/O started by grain code is abandoned.</summary>
    public CancellationToken AbortedToken { get; }

    /// <summary>Whether new activations may be created.</summary>
    public bool AcceptsActivations => _status == SiloStatus.Active;

    internal void MarkJoining() => _status = SiloStatus.Joining;

    internal void MarkActive() => _status = SiloStatus.Active;

    internal void MarkShuttingDown()
    {
        _status = SiloStatus.ShuttingDown;
        Cancel(_stopping);
    }

    internal void MarkDead()
    {
        _status = SiloStatus.Dead;
        Cancel(_stopping);
        Cancel(_aborted);
    }

    // A host whose start failed is disposed and may still be asked to stop: stopping twice is harmless.
    private void Cancel(CancellationTokenSource source)
    {
        if (!_disposed)
        {
            source.Cancel();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        _stopping.Dispose();
        _aborted.Dispose();
    }
}
