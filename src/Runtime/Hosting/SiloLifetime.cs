namespace PacificEdge.Runtime.Hosting;

/// <summary>Where a silo is in its life, shared by the services that must stop taking work when it stops.</summary>
public sealed class SiloLifetime : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _aborted = new();
    private volatile SiloStatus _status = SiloStatus.Created;

    /// <summary>The current status.</summary>
    public SiloStatus Status => _status;

    /// <summary>Cancelled when the silo starts shutting down (gracefully or not).</summary>
    public CancellationToken StoppingToken => _stopping.Token;

    /// <summary>Cancelled when the silo is dead (stopped or crashed): I/O started by grain code is abandoned.</summary>
    public CancellationToken AbortedToken => _aborted.Token;

    /// <summary>Whether new activations may be created.</summary>
    public bool AcceptsActivations => _status == SiloStatus.Active;

    internal void MarkJoining() => _status = SiloStatus.Joining;

    internal void MarkActive() => _status = SiloStatus.Active;

    internal void MarkShuttingDown()
    {
        _status = SiloStatus.ShuttingDown;
        _stopping.Cancel();
    }

    internal void MarkDead()
    {
        _status = SiloStatus.Dead;
        _stopping.Cancel();
        _aborted.Cancel();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping.Dispose();
        _aborted.Dispose();
    }
}
