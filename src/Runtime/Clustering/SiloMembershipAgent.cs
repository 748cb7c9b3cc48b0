using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PacificEdge.Runtime.Activation;
using PacificEdge.Runtime.Clustering.Transport;
using PacificEdge.Runtime.Diagnostics;
using PacificEdge.Runtime.Hosting;
using PacificEdge.Runtime.Placement;

namespace PacificEdge.Runtime.Clustering;

/// <summary>
/// A silo's side of the membership protocol. Join: bind the silo port, insert a Joining row
/// (new generation), declare earlier incarnations at the same address dead, become Active.
/// While running: heartbeat every <see cref="ClusterOptions.HeartbeatInterval"/>; every
/// <see cref="ClusterOptions.TableRefreshInterval"/> re-read the table, declare Dead any peer whose
/// heartbeat is older than <see cref="ClusterOptions.DeathTimeout"/>, delete old Dead rows, and
/// move grains this silo no longer owns. Leave: ShuttingDown, then (after the grains are
/// deactivated) Dead. A silo that finds itself declared Dead stops serving at once and stops
/// its host, so the process exits and its orchestrator starts a new incarnation.
/// </summary>
internal sealed partial class SiloMembershipAgent : IAsyncDisposable
{
    private readonly IMembershipTable _table;
    private readonly MembershipView _view;
    private readonly LocalSiloDetails _local;
    private readonly SiloTransportServer _server;
    private readonly SiloHttpApplication _application;
    private readonly ActivationCatalog _catalog;
    private readonly SiloLifetime _lifetime;
    private readonly IServiceProvider _services;
    private readonly ClusterOptions _options;
    private readonly string _siloName;
    private readonly TimeProvider _clock;
    private readonly RuntimeMetrics _metrics;
    private readonly ILogger<SiloMembershipAgent> _logger;
    private readonly CancellationTokenSource _stopLoops = new();
    private CancellationTokenSource? _loopToken;
    private MembershipEntry? _self;
    private Task _loops = Task.CompletedTask;

    public SiloMembershipAgent(
        IMembershipTable table,
        MembershipView view,
        LocalSiloDetails local,
        SiloTransportServer server,
        SiloHttpApplication application,
        ActivationCatalog catalog,
        SiloLifetime lifetime,
        IServiceProvider services,
        IOptions<ClusterOptions> options,
        IOptions<SiloOptions> siloOptions,
        TimeProvider clock,
        RuntimeMetrics metrics,
        ILogger<SiloMembershipAgent> logger)
    {
        _table = table;
        _view = view;
        _local = local;
        _server = server;
        _application = application;
        _catalog = catalog;
        _lifetime = lifetime;
        _services = services;
        _options = options.Value;
        _siloName = siloOptions.Value.SiloName;
        _clock = clock;
        _metrics = metrics;
        _logger = logger;
        metrics.ObserveActiveSilos(() => _view.Current.Active.Length);
    }

    private string ClusterId => _options.ClusterId;

    private SiloAddress Self => _self?.Address ?? throw new InvalidOperationException("The silo has not joined the cluster.");

    /// <summary>Binds the silo port and registers this incarnation as Joining.</summary>
    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        var port = await _server.StartAsync(cancellationToken).ConfigureAwait(false);
        var host = string.IsNullOrWhiteSpace(_options.AdvertisedHost) ? Dns.GetHostName() : _options.AdvertisedHost;
        _self = await _table.JoinAsync(ClusterId, _siloName, host, port, _clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
        _local.SetAddress(_self.Address);
        _application.SetSelf(_self.Address.ToString());
        LogJoining(_siloName, Self.ToString(), ClusterId);

        // This process holds the port, so an older incarnation at the same address cannot be alive:
        // declare it dead now rather than after the death timeout (its grains move at once).
        foreach (var old in await _table.ReadAllAsync(ClusterId, cancellationToken).ConfigureAwait(false))
        {
            if (old.Address.Host == host && old.Address.Port == port && old.Address.Generation < Self.Generation && old.Status != SiloStatus.Dead
                && await _table.DeclareDeadAsync(ClusterId, old.Address, old.Version, staleFor: null, cancellationToken).ConfigureAwait(false))
            {
                LogSuperseded(old.Address.ToString());
            }
        }
    }

    /// <summary>Marks this silo Active (it takes grains from now on) and starts heartbeats and monitoring.</summary>
    public async Task ActivateAsync(CancellationToken cancellationToken)
    {
        if (!await SetStatusAsync(SiloStatus.Active, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"Silo {Self} was declared dead while joining; check that its heartbeats reach the database.");
        }

        await _view.RefreshAsync(cancellationToken).ConfigureAwait(false);
        _view.Changed += OnMembershipChanged;
        // The loops end on a graceful leave (_stopLoops) or when the silo dies (killed, or declared dead).
        _loopToken = CancellationTokenSource.CreateLinkedTokenSource(_stopLoops.Token, _lifetime.AbortedToken);
        var token = _loopToken.Token;
        _loops = Task.WhenAll(Task.Run(() => HeartbeatLoopAsync(token), CancellationToken.None), Task.Run(() => MonitorLoopAsync(token), CancellationToken.None));
        LogActive(Self.ToString(), _view.Current.Active.Length);
    }

    /// <summary>Graceful stop, step 1: ShuttingDown in the table, so callers stop placing new grains here.</summary>
    public async Task BeginShutdownAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SetStatusAsync(SiloStatus.ShuttingDown, cancellationToken).ConfigureAwait(false);
            await _view.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Peers will notice through the heartbeat timeout instead; the grains are deactivated regardless.
            LogStatusUpdateFailed(ex, SiloStatus.ShuttingDown);
        }
    }

    /// <summary>Graceful stop, last step (grains already deactivated): Dead in the table, silo port closed.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        await StopLoopsAsync().ConfigureAwait(false);
        try
        {
            await SetStatusAsync(SiloStatus.Dead, cancellationToken).ConfigureAwait(false);
            LogLeft(Self.ToString());
        }
        catch (Exception ex)
        {
            LogStatusUpdateFailed(ex, SiloStatus.Dead);
        }

        // Callers still holding an old view get 503 until they have re-read the table (two refresh
        // intervals, within the stop budget); then the port closes: open connections get GOAWAY (their
        // unprocessed calls are retried) and new ones are refused, both safe to retry. Calls in progress may finish.
        _application.BeginLeaving();
        try
        {
            await Task.Delay(2 * _options.TableRefreshInterval, _clock, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Out of budget: close now.
        }

        await _server.StopAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Crash simulation: stops heartbeats and drops every silo-port connection, writing nothing.</summary>
    public async Task CrashAsync()
    {
        await _stopLoops.CancelAsync().ConfigureAwait(false);
        await _server.AbortAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _view.Changed -= OnMembershipChanged;
        await StopLoopsAsync().ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
        _loopToken?.Dispose();
        _stopLoops.Dispose();
    }

    private async Task StopLoopsAsync()
    {
        if (!_stopLoops.IsCancellationRequested)
        {
            await _stopLoops.CancelAsync().ConfigureAwait(false);
        }

        await _loops.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Conditional on the version this silo last wrote. False: a peer declared this silo Dead meanwhile.</summary>
    private async Task<bool> SetStatusAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        var self = _self ?? throw new InvalidOperationException("The silo has not joined the cluster.");
        var version = await _table.UpdateStatusAsync(ClusterId, self.Address, self.Version, status, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            return false;
        }

        _self = self with { Status = status, Version = version.Value };
        return true;
    }

    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    if (!await _table.HeartbeatAsync(ClusterId, Self, cancellationToken).ConfigureAwait(false))
                    {
                        await OnDeclaredDeadAsync("its heartbeat was rejected").ConfigureAwait(false);
                        return;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogHeartbeatFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task MonitorLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.TableRefreshInterval, _clock);
        // Old Dead rows only need deleting now and then: at most once a minute, sooner for a short retention.
        var cleanUpEvery = TimeSpan.FromTicks(Math.Min(_options.DefunctSiloRetention.Ticks / 2, TimeSpan.FromMinutes(1).Ticks));
        var lastCleanUp = DateTimeOffset.MinValue;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    var now = _clock.GetUtcNow();
                    var cleanUp = now - lastCleanUp >= cleanUpEvery;
                    if (!await MonitorOnceAsync(cleanUp, cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }

                    if (cleanUp)
                    {
                        lastCleanUp = now;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogMonitorFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One round of failure detection. False when this silo found itself declared Dead.</summary>
    private async Task<bool> MonitorOnceAsync(bool cleanUp, CancellationToken cancellationToken)
    {
        var view = await _view.RefreshAsync(cancellationToken).ConfigureAwait(false);
        if (view.Find(Self) is not { Status: not SiloStatus.Dead })
        {
            await OnDeclaredDeadAsync("the membership table lists it as Dead").ConfigureAwait(false);
            return false;
        }

        var declared = false;
        foreach (var peer in view.Silos)
        {
            // The table re-checks the heartbeat age by its own clock, so a peer that heartbeated
            // since this read survives.
            if (peer.Address != Self && peer.Status != SiloStatus.Dead && peer.HeartbeatAge > _options.DeathTimeout
                && await _table.DeclareDeadAsync(ClusterId, peer.Address, peer.Version, _options.DeathTimeout, cancellationToken).ConfigureAwait(false))
            {
                _metrics.SiloDeclaredDead();
                LogDeclaredDead(peer.SiloName, peer.Address.ToString(), peer.HeartbeatAge.TotalSeconds);
                declared = true;
            }
        }

        if (declared)
        {
            await _view.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        if (cleanUp)
        {
            var deleted = await _table.DeleteDefunctAsync(ClusterId, _options.DefunctSiloRetention, cancellationToken).ConfigureAwait(false);
            if (deleted > 0)
            {
                LogCleanedUp(deleted);
            }
        }

        return true;
    }

    private void OnMembershipChanged(MembershipSnapshot previous, MembershipSnapshot current)
    {
        if (_lifetime.Status == SiloStatus.Active)
        {
            _catalog.DeactivateMisplaced();
        }
    }

    /// <summary>
    /// Peers consider this silo dead and may already host its grains elsewhere: serving on would
    /// risk two activations. Stop at once (no grain code runs) and stop the host; the process
    /// exits and comes back, if its orchestrator restarts it, as a new incarnation.
    /// </summary>
    private async Task OnDeclaredDeadAsync(string reason)
    {
        if (_lifetime.Status == SiloStatus.Dead)
        {
            return;
        }

        LogSelfDeclaredDead(Self.ToString(), reason);
        _lifetime.MarkDead();
        _catalog.AbortAll();
        await _stopLoops.CancelAsync().ConfigureAwait(false);
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _server.StopAsync(grace.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _services.GetService<IHostApplicationLifetime>()?.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloName} joining cluster {ClusterId} as {Silo}")]
    private partial void LogJoining(string siloName, string silo, string clusterId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} is Active; {ActiveCount} active silos")]
    private partial void LogActive(string silo, int activeCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Declared earlier incarnation {Silo} dead: this silo now holds its address")]
    private partial void LogSuperseded(string silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Declared silo {SiloName} ({Silo}) dead: no heartbeat for {Seconds:F1} s")]
    private partial void LogDeclaredDead(string siloName, string silo, double seconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Silo {Silo} was declared dead by its peers ({Reason}); it stops serving and its host stops")]
    private partial void LogSelfDeclaredDead(string silo, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} left the cluster (Dead)")]
    private partial void LogLeft(string silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record status {Status} in the membership table")]
    private partial void LogStatusUpdateFailed(Exception exception, SiloStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat failed; retrying at the next interval")]
    private partial void LogHeartbeatFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Membership check failed; retrying at the next interval")]
    private partial void LogMonitorFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} old Dead rows from the membership table")]
    private partial void LogCleanedUp(int count);
}
