using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PacificEdge.Runtime.Hosting;
using PacificEdge.Runtime.Messaging;

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
    private readonly ILogger<ActivationCatalog> _logger;

    public ActivationCatalog(GrainTypeRegistry types, Lazy<ActivationServices> services, SiloLifetime lifetime, ILogger<ActivationCatalog> logger)
    {
        _types = types;
        _services = services;
        _lifetime = lifetime;
        _logger = logger;
    }

    public int Count => _activations.Count;

    public IEnumerable<GrainActivation> Activations => _activations.Values;

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Deactivating {Count} activations")]
    private partial void LogDeactivatingAll(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} activations did not deactivate within the shutdown timeout")]
    private partial void LogDeactivationTimedOut(int count);
}
