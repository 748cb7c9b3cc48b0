using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PacificEdge.Runtime.Activation;
using PacificEdge.Runtime.Diagnostics;
using PacificEdge.Runtime.Hosting;
using PacificEdge.Runtime.Messaging;
using PacificEdge.Runtime.Placement;
using Polly;
using Polly.Retry;

namespace PacificEdge.Runtime.Clustering;

/// <summary>
/// Routes calls in a cluster: to the silo placement picks (in-process when that is this silo,
/// over the silo transport otherwise), forwarding calls that reached a silo which does not host
/// the grain, and retrying calls that failed with <see cref="SiloUnavailableException"/>.
/// </summary>
/// <remarks>
/// The retry rule: only <see cref="SiloUnavailableException"/> is retried, and the runtime raises
/// it only when the call certainly did not start a turn: the request never left this process
/// (connection refused or failed before the body was written), the target silo answered 503 (it
/// is not Active, not the addressed incarnation, or the activation was gone before the call's
/// turn began), or no silo is active. A connection that breaks after the request was sent gives
/// <see cref="CallOutcomeUnknownException"/>, which is never retried here: calls are
/// at-most-once unless the caller retries them, as in Orleans (and state writes are still
/// protected by ETags). Each retry first re-reads membership, then waits with exponential
/// backoff and jitter; retries stop at the response timeout.
/// </remarks>
internal sealed partial class ClusterGrainCallRouter : IGrainCallRouter
{
    private readonly IPlacementDirector _placement;
    private readonly MembershipView _membership;
    private readonly ISiloTransport _transport;
    private readonly ActivationCatalog? _catalog;
    private readonly SiloLifetime? _lifetime;
    private readonly ILocalSiloDetails? _local;
    private readonly RuntimeMetrics _metrics;
    private readonly ILogger<ClusterGrainCallRouter> _logger;
    private readonly TimeSpan _timeout;
    private readonly int _maxForwards;
    private readonly ResiliencePipeline _retry;

    public ClusterGrainCallRouter(
        IPlacementDirector placement,
        MembershipView membership,
        ISiloTransport transport,
        IServiceProvider services,
        IOptions<MessagingOptions> messaging,
        IOptions<ClusterOptions> cluster,
        RuntimeMetrics metrics,
        ILogger<ClusterGrainCallRouter> logger)
    {
        _placement = placement;
        _membership = membership;
        _transport = transport;
        // A grain client has none of these: it never hosts grains.
        _catalog = services.GetService<ActivationCatalog>();
        _lifetime = services.GetService<SiloLifetime>();
        _local = _catalog is null ? null : services.GetService<ILocalSiloDetails>();
        _metrics = metrics;
        _logger = logger;
        _timeout = messaging.Value.ResponseTimeout;
        _maxForwards = messaging.Value.MaxForwardCount;
        _retry = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<SiloUnavailableException>(_ => CanRetry),
            MaxRetryAttempts = int.MaxValue, // bounded by the response timeout instead
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = cluster.Value.RetryInitialDelay,
            MaxDelay = cluster.Value.RetryMaxDelay,
            OnRetry = args => new ValueTask(RefreshQuietlyAsync(args.Context.CancellationToken)),
        }).Build();
    }

    /// <summary>A dead (killed or declared dead) silo fails its own calls at once: its grains live elsewhere now.</summary>
    private bool CanRetry => _lifetime is not { Status: SiloStatus.Dead };

    public Task<GrainResponse> SendAsync(GrainRequest request, CancellationToken cancellationToken)
    {
        Task<GrainResponse> first;
        try
        {
            first = SendOnceAsync(request, cancellationToken);
        }
        catch (SiloUnavailableException ex)
        {
            first = Task.FromException<GrainResponse>(ex);
        }

        return first.IsCompletedSuccessfully ? first : RetryIfUnavailableAsync(first, request, cancellationToken);
    }

    /// <summary>
    /// Runs a call that arrived at this silo (from its own grains or over the silo port): on the
    /// activation here if there is one (a draining silo keeps serving what it hosts), activating it
    /// if this silo owns the grain, otherwise forwarding it to the owner.
    /// </summary>
    /// <exception cref="SiloUnavailableException">The call did not start and cannot be placed from here; the caller retries.</exception>
    public Task<GrainResponse> HandleHereAsync(GrainRequest request, CancellationToken cancellationToken)
    {
        if (_catalog is null || _lifetime is null)
        {
            throw new InvalidOperationException("A grain client hosts no grains.");
        }

        var status = _lifetime.Status;
        if (status is not (SiloStatus.Active or SiloStatus.ShuttingDown))
        {
            throw new SiloUnavailableException($"Silo {_local!.Address} is {status}.");
        }

        return _catalog.HasActivation(request.Target) || _placement.IsLocal(request.Target)
            ? _catalog.HandleAsync(request, cancellationToken)
            : ForwardAsync(request, cancellationToken);
    }

    private Task<GrainResponse> SendOnceAsync(GrainRequest request, CancellationToken cancellationToken)
    {
        request.ForwardCount = 0;
        var route = _placement.GetRoute(request.Target);
        return _local is not null && route == _local.Address
            ? HandleHereAsync(request, cancellationToken)
            : _transport.SendAsync(route, request, cancellationToken);
    }

    private Task<GrainResponse> ForwardAsync(GrainRequest request, CancellationToken cancellationToken)
    {
        if (request.ForwardCount >= _maxForwards)
        {
            throw new SiloUnavailableException(
                $"{request} was forwarded {request.ForwardCount} times without reaching its owner; membership is changing.");
        }

        var owner = _placement.GetOwner(request.Target);
        if (owner == _local!.Address)
        {
            // This silo still sees itself as the owner but no longer takes activations (it is stopping).
            throw new SiloUnavailableException($"Silo {owner} is stopping and does not host {request.Target}.");
        }

        request.ForwardCount++;
        _metrics.CallForwarded(request.Target.Type);
        LogForwarding(request.Target.Type, request.Target.Key, request.Method, owner.ToString());
        return _transport.SendAsync(owner, request, cancellationToken);
    }

    private async Task<GrainResponse> RetryIfUnavailableAsync(Task<GrainResponse> first, GrainRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await first.ConfigureAwait(false);
        }
        catch (SiloUnavailableException ex) when (CanRetry)
        {
            LogRetrying(request.Target.Type, request.Target.Key, request.Method, ex.Message);
        }

        var remaining = _timeout - Stopwatch.GetElapsedTime(started);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
        SiloUnavailableException? last = null;
        try
        {
            // The first retry goes out as soon as membership has been re-read (the usual cause is a
            // silo that stopped and is already marked so); later ones back off (OnRetry above).
            await RefreshQuietlyAsync(deadline.Token).ConfigureAwait(false);
            return await _retry.ExecuteAsync(
                async (state, token) =>
                {
                    state.Self._metrics.CallRetried(state.Request.Target.Type);
                    try
                    {
                        return await state.Self.SendOnceAsync(state.Request, token).ConfigureAwait(false);
                    }
                    catch (SiloUnavailableException ex)
                    {
                        last = ex;
                        throw;
                    }
                },
                (Self: this, Request: request),
                deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new SiloUnavailableException($"No silo took {request} within the response timeout of {_timeout}.", last);
        }
    }

    private async Task RefreshQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _membership.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Retry with the view we have; the next attempt refreshes again.
            LogRefreshFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Forwarding {Method} on {GrainType}/{GrainKey} to its owner {Silo}")]
    private partial void LogForwarding(string grainType, string grainKey, string method, string silo);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retrying {Method} on {GrainType}/{GrainKey}: {Reason}")]
    private partial void LogRetrying(string grainType, string grainKey, string method, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh cluster membership before a retry")]
    private partial void LogRefreshFailed(Exception exception);
}
