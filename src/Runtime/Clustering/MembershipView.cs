using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PacificEdge.Runtime.Clustering;

/// <summary>
/// Holds the latest <see cref="MembershipSnapshot"/> and re-reads the table on demand. Reads are
/// coalesced: however many callers ask while a read runs, at most one more read follows it, so a
/// burst of failing calls costs the database two queries, not one per call.
/// </summary>
internal sealed partial class MembershipView(
    IMembershipTable table,
    IOptions<ClusterOptions> options,
    TimeProvider timeProvider,
    ILogger<MembershipView> logger) : IClusterMembership
{
    private readonly string _clusterId = options.Value.ClusterId;
    private readonly Lock _lock = new();
    private MembershipSnapshot _current = MembershipSnapshot.Empty;
    private Task<MembershipSnapshot>? _running;
    private Task<MembershipSnapshot>? _queued;

    /// <summary>Raised (on the refreshing thread) when the active or routable silos change: previous, then current.</summary>
    public event Action<MembershipSnapshot, MembershipSnapshot>? Changed;

    public MembershipSnapshot Current => Volatile.Read(ref _current);

    public Task<MembershipSnapshot> RefreshAsync(CancellationToken cancellationToken = default)
    {
        Task<MembershipSnapshot> read;
        lock (_lock)
        {
            if (_running is null || _running.IsCompleted)
            {
                read = _running = ReadAsync();
            }
            else
            {
                // The running read may have started before the caller's reason to refresh (a status it
                // just wrote, a silo that just refused a call): queue one more, shared by every such caller.
                read = _queued ??= ReadAfterAsync(_running);
            }
        }

        return cancellationToken.CanBeCanceled ? read.WaitAsync(cancellationToken) : read;
    }

    private async Task<MembershipSnapshot> ReadAfterAsync(Task previous)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Task<MembershipSnapshot> read;
        lock (_lock)
        {
            _queued = null;
            read = _running = ReadAsync();
        }

        return await read.ConfigureAwait(false);
    }

    private async Task<MembershipSnapshot> ReadAsync()
    {
        await Task.Yield(); // never run the query under the caller's lock
        var rows = await table.ReadAllAsync(_clusterId, CancellationToken.None).ConfigureAwait(false);
        var next = new MembershipSnapshot(rows, timeProvider.GetUtcNow());
        var previous = Interlocked.Exchange(ref _current, next);
        if (!previous.SameTopology(next))
        {
            LogChanged(_clusterId, next.ToString());
            try
            {
                Changed?.Invoke(previous, next);
            }
            catch (Exception ex)
            {
                LogObserverFailed(ex);
            }
        }

        return next;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {ClusterId} membership: {Silos}")]
    private partial void LogChanged(string clusterId, string silos);

    [LoggerMessage(Level = LogLevel.Error, Message = "A membership change observer failed")]
    private partial void LogObserverFailed(Exception exception);
}
