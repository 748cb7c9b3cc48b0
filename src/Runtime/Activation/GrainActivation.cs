using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PacificEdge.Runtime.Messaging;
using PacificEdge.Runtime.Serialization;
using PacificEdge.Runtime.Timers;

namespace PacificEdge.Runtime.Activation;

/// <summary>
/// One in-memory instance of a grain and its mailbox. Work runs one item at a time in arrival
/// order (a turn), so grain code needs no locks. The instance is built, its state read and
/// <see cref="Grain.OnActivateAsync"/> run as the first turn; deactivation is the last turn, after
/// which leftover calls are redirected to a fresh activation. State changes go through
/// <see cref="_lock"/> so an abort (crash simulation, hard stop) can never be undone by a turn
/// that was still running.
/// </summary>
internal sealed partial class GrainActivation : IThreadPoolWorkItem
{
    private readonly Queue<ActivationWorkItem> _queue = new();
    private readonly Lock _lock = new();
    private readonly ActivationCatalog _catalog;
    private readonly List<GrainTimer> _timers = [];
    private readonly ILogger _logger;
    private bool _running;
    private ActivationState _state = ActivationState.Creating;
    private DeactivationReason? _pendingDeactivation;
    private TaskCompletionSource? _deactivationWaiter;
    private Grain? _instance;
    private long _lastActive;

    public GrainActivation(GrainId grainId, GrainClassInfo classInfo, ActivationServices services, ActivationCatalog catalog)
    {
        GrainId = grainId;
        ClassInfo = classInfo;
        Services = services;
        _catalog = catalog;
        _logger = services.Logger;
        _lastActive = Stopwatch.GetTimestamp();
    }

    public GrainId GrainId { get; }

    public GrainClassInfo ClassInfo { get; }

    public ActivationServices Services { get; }

    public ActivationState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    public TimeSpan IdleFor => Stopwatch.GetElapsedTime(Volatile.Read(ref _lastActive));

    public int QueueLength
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Queues work. False when the activation is gone: the caller must look up a new one.</summary>
    public bool TryEnqueue(ActivationWorkItem item)
    {
        lock (_lock)
        {
            if (_state == ActivationState.Invalid)
            {
                return false;
            }

            _queue.Enqueue(item);
            if (_running)
            {
                return true;
            }

            _running = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        return true;
    }

    /// <summary>Deactivate after the current turn.</summary>
    public void RequestDeactivation(DeactivationReason reason, TaskCompletionSource? done = null)
    {
        _pendingDeactivation ??= reason;
        if (done is not null)
        {
            _deactivationWaiter = done;
        }
    }

    public GrainTimer RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new GrainTimer(this, callback, _logger);
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                throw new InvalidOperationException($"Cannot register a timer on {GrainId}: the activation is deactivating.");
            }

            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    void IThreadPoolWorkItem.Execute() => _ = PumpAsync();

    /// <summary>Runs one call as a turn and encodes the outcome; never throws.</summary>
    internal async Task<GrainResponse> InvokeAsync(GrainRequest request)
    {
        var method = ClassInfo.FindMethod(request.Interface, request.Method);
        if (method is null)
        {
            return GrainResponse.FromError(new GrainError(
                typeof(NotSupportedException).FullName!,
                $"Grain class {ClassInfo.ClassType.Name} has no method {request.Method} on interface {request.Interface}."));
        }

        try
        {
            var arguments = Services.Codec.DeserializeArguments(request.Arguments, method);
            return GrainResponse.FromResult(await method.InvokeAsync(_instance!, arguments, Services.Codec).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            // Only a conflict on this activation's own state means its state is stale; the same
            // error passed up from a grain it called says nothing about this one (Orleans' IsSourceActivation).
            if (ex is InconsistentStateException && !ExceptionCodec.IsFromRemote(ex))
            {
                LogInconsistentState(ex, GrainId.Type, GrainId.Key);
                RequestDeactivation(DeactivationReason.InconsistentState);
            }
            else
            {
                LogCallFailed(ex.GetType().Name, GrainId.Type, GrainId.Key, request.Method);
            }

            return GrainResponse.FromError(Services.Exceptions.ToError(ex));
        }
    }

    private async Task PumpAsync()
    {
        while (true)
        {
            ActivationWorkItem item;
            ActivationState state;
            lock (_lock)
            {
                if (!_queue.TryDequeue(out item!))
                {
                    _running = false;
                    return;
                }

                state = _state;
            }

            if (state == ActivationState.Creating)
            {
                if (await TryActivateAsync().ConfigureAwait(false) is { } activationError)
                {
                    FailAll(item, activationError);
                    return;
                }

                state = State;
            }

            if (state != ActivationState.Valid)
            {
                // Aborted (killed silo): nothing runs any more.
                item.Fail(new SiloUnavailableException($"The activation of {GrainId} is gone."));
                continue;
            }

            try
            {
                await item.ExecuteAsync(this).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Work items report their own failures; this is a last line so the mailbox never stalls.
                LogWorkItemFailed(ex, GrainId.Type, GrainId.Key);
                item.Fail(ex);
            }

            if (item.IsActivity)
            {
                Volatile.Write(ref _lastActive, Stopwatch.GetTimestamp());
            }

            if (_pendingDeactivation is { } reason)
            {
                await DeactivateAsync(reason).ConfigureAwait(false);
                return;
            }
        }
    }

    private async Task<Exception?> TryActivateAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Services.AbortedToken);
        timeout.CancelAfter(Services.Collection.ActivationTimeout);
        try
        {
            var (instance, states) = Services.Activator.Create(ClassInfo, GrainId);
            instance.Attach(this);
            foreach (var state in states)
            {
                await state.ReadStateAsync(timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
            }

            await instance.OnActivateAsync(timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
            _instance = instance;
            lock (_lock)
            {
                if (_state == ActivationState.Invalid)
                {
                    return new SiloUnavailableException($"The silo stopped while {GrainId} was activating.");
                }

                _state = ActivationState.Valid;
            }

            Services.Metrics.ActivationCreated(GrainId.Type);
            LogActivated(GrainId.Type, GrainId.Key);
            return null;
        }
        catch (Exception ex)
        {
            if (Services.AbortedToken.IsCancellationRequested)
            {
                return new SiloUnavailableException($"The silo stopped while {GrainId} was activating.", ex);
            }

            LogActivationFailed(ex, GrainId.Type, GrainId.Key);
            return ex switch
            {
                OperationCanceledException => new TimeoutException($"Activation of {GrainId} did not finish within {Services.Collection.ActivationTimeout}."),
                System.Reflection.TargetInvocationException { InnerException: { } inner } => inner,
                _ => ex,
            };
        }
    }

    private void FailAll(ActivationWorkItem first, Exception error)
    {
        _catalog.Remove(this);
        List<ActivationWorkItem> rest;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            rest = [.. _queue];
            _queue.Clear();
            _running = false;
        }

        StopTimers(); // OnActivateAsync may have started some before it threw
        first.Fail(error);
        foreach (var item in rest)
        {
            item.Fail(error);
        }
    }

    private async Task DeactivateAsync(DeactivationReason reason)
    {
        lock (_lock)
        {
            if (_state == ActivationState.Invalid)
            {
                _running = false;
                return; // aborted meanwhile; Abort already failed the queue
            }

            _state = ActivationState.Deactivating;
        }

        StopTimers();
        using (var timeout = new CancellationTokenSource(Services.Collection.DeactivationTimeout))
        {
            try
            {
                await _instance!.OnDeactivateAsync(reason, timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogDeactivationFailed(ex, GrainId.Type, GrainId.Key);
            }
        }

        _catalog.Remove(this);
        List<ActivationWorkItem> leftovers;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            leftovers = [.. _queue];
            _queue.Clear();
            _running = false;
        }

        Services.Metrics.ActivationDeactivated(GrainId.Type, reason);
        LogDeactivated(GrainId.Type, GrainId.Key, reason);
        _deactivationWaiter?.TrySetResult();
        foreach (var item in leftovers)
        {
            _catalog.Redirect(item, GrainId);
        }
    }

    /// <summary>Crash simulation and hard stop: drop everything without running grain code.</summary>
    internal void Abort(Exception error)
    {
        List<ActivationWorkItem> leftovers;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            leftovers = [.. _queue];
            _queue.Clear();
        }

        StopTimers();
        _deactivationWaiter?.TrySetResult();
        foreach (var item in leftovers)
        {
            item.Fail(error);
        }
    }

    private void StopTimers()
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Activated {GrainType}/{GrainKey}")]
    private partial void LogActivated(string grainType, string grainKey);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deactivated {GrainType}/{GrainKey} ({Reason})")]
    private partial void LogDeactivated(string grainType, string grainKey, DeactivationReason reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activation of {GrainType}/{GrainKey} failed")]
    private partial void LogActivationFailed(Exception exception, string grainType, string grainKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OnDeactivateAsync of {GrainType}/{GrainKey} failed")]
    private partial void LogDeactivationFailed(Exception exception, string grainType, string grainKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inconsistent state in {GrainType}/{GrainKey}; deactivating so the next call re-reads")]
    private partial void LogInconsistentState(Exception exception, string grainType, string grainKey);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call {Method} on {GrainType}/{GrainKey} threw {ExceptionType}")]
    private partial void LogCallFailed(string exceptionType, string grainType, string grainKey, string method);

    [LoggerMessage(Level = LogLevel.Error, Message = "A work item of {GrainType}/{GrainKey} failed unexpectedly")]
    private partial void LogWorkItemFailed(Exception exception, string grainType, string grainKey);
}
