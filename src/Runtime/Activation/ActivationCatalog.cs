using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PacificEdge.Runtime.Hosting;
using PacificEdge.Runtime.Messaging;
using PacificEdge.Runtime.Placement;

namespace PacificEdge.Runtime.Activation;

/// <summary>
/// The activations on this silo, by grain id: at most one per grain. Handles requests routed here
/// by finding or creating the activation and queueing the call on it.
/// </summary>
internal sealed partial class ActivationCatalog : IGrainRequestHandler
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> _activations = new();
    private readonly GrainTypeRegistry _types;
    private readonly Lazy<ActivationServices> _services;
    private readonly SiloLifetime _lifetime;
    private readonly IPlacementDirector _placement;
    private readonly ILogger<ActivationCatalog> _logger;

    public ActivationCatalog(GrainTypeRegistry types, Lazy<ActivationServices> services, SiloLifetime lifetime, IPlacementDirector placement, ILogger<ActivationCatalog> logger)
    {
        _types = types;
        _services = services;
        _lifetime = lifetime;
        _placement = placement;
        _logger = logger;
    }

    public int Count => _activations.Count;

    public IEnumerable<GrainActivation> Activations => _activations.Values;

    /// <summary>Whether an activation of the grain is in this silo's catalog (it may be activating or about to deactivate).</summary>
    public bool HasActivation(GrainId grainId) => _activations.ContainsKey(grainId);

    public Task<GrainResponse> HandleAsync(GrainRequest request, CancellationToken cancellationToken)
    {
        if (!_types.TryGet(request.Target.Type, out var info))
        {
            return Task.FromResult(GrainResponse.FromError(new GrainError(
                typeof(InvalidOperationException).FullName!,
                $"No grain class on this silo implements grain type '{request.Target.Type}' (interface {request.Interface}).")));
        }

        var item = new InvokeWorkItem(request);
        Dispatch(item, request.Target, info);
        return item.Completion;
    }

    /// <summary>Queues work on the grain's activation, creating it if there is none.</summary>
    public void Dispatch(ActivationWorkItem item, GrainId grainId, GrainClassInfo info)
    {
        while (true)
        {
            if (!_activations.TryGetValue(grainId, out var activation))
            {
                if (!_lifetime.AcceptsActivations)
                {
                    item.Fail(new SiloUnavailableException($"Silo is {_lifetime.Status}; it takes no new activations (grain {grainId})."));
                    return;
                }

                // In a cluster only the owner activates (a leftover call whose grain has moved goes
                // back to its caller, which retries on the owner); a single silo owns everything.
                if (!_placement.IsLocal(grainId))
                {
                    item.Fail(new SiloUnavailableException($"{grainId} is no longer placed on this silo."));
                    return;
                }

                activation = _activations.GetOrAdd(grainId, id => new GrainActivation(id, info, _services.Value, this));
            }

            if (activation.TryEnqueue(item))
            {
                return;
            }

            // The activation went away between lookup and enqueue; it has already left the
            // dictionary, so the next lookup finds or creates a fresh one.
            _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(grainId, activation));
        }
    }

    /// <summary>Sends work left in a deactivated mailbox to the grain's next activation.</summary>
    public void Redirect(ActivationWorkItem item, GrainId grainId)
    {
        if (item.CanRedirect && _types.TryGet(grainId.Type, out var info))
        {
            Dispatch(item, grainId, info);
        }
        else
        {
            item.Fail(new SiloUnavailableException($"The activation of {grainId} was deactivated."));
        }
    }

    public void Remove(GrainActivation activation)
        => _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(activation.GrainId, activation));

    /// <summary>Deactivates every activation as a final turn (graceful stop). Returns when all are done or the token fires.</summary>
    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        var pending = new List<Task>();
        foreach (var activation in _activations.Values)
        {
            var item = new CollectIfIdleWorkItem(DeactivationReason.ShuttingDown, TimeSpan.Zero);
            if (activation.TryEnqueue(item))
            {
                pending.Add(item.Completion);
            }
        }

        LogDeactivatingAll(pending.Count);
        try
        {
            await Task.WhenAll(pending).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogDeactivationTimedOut(pending.Count(t => !t.IsCompleted));
        }
    }

    /// <summary>
    /// After a membership change: deactivates (as a turn, after the work already queued) every
    /// activation this silo no longer owns, so the grain's next call activates it on its owner.
    /// Returns how many were asked to move.
    /// </summary>
    public int DeactivateMisplaced()
    {
        var moved = 0;
        foreach (var activation in _activations.Values)
        {
            if (activation.State == ActivationState.Valid && !_placement.IsLocal(activation.GrainId)
                && activation.TryEnqueue(new CollectIfIdleWorkItem(DeactivationReason.PlacementChanged, TimeSpan.Zero)))
            {
                moved++;
            }
        }

        if (moved > 0)
        {
            LogMoving(moved);
        }

        return moved;
    }

    /// <summary>Drops every activation without running grain code (crash, or after a timed-out stop).</summary>
    public void AbortAll()
    {
        var error = new SiloUnavailableException("The silo stopped.");
        foreach (var activation in _activations.Values)
        {
            activation.Abort(error);
        }

        _activations.Clear();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Membership changed: deactivating {Count} activations now owned by other silos")]
    private partial void LogMoving(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deactivating {Count} activations")]
    private partial void LogDeactivatingAll(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} activations did not deactivate within the shutdown timeout")]
    private partial void LogDeactivationTimedOut(int count);
}
