using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PacificEdge.Runtime.Hosting;

namespace PacificEdge.Runtime.Activation;

/// <summary>
/// Deactivates activations idle longer than their collection age (R9), checking every
/// collection quantum, so memory stays bounded however many grains were ever touched.
/// </summary>
internal sealed partial class IdleCollector(
    ActivationCatalog catalog,
    IOptions<GrainCollectionOptions> options,
    SiloLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<IdleCollector> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.StoppingToken);
        using var timer = new PeriodicTimer(options.Value.CollectionQuantum, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(linked.Token).ConfigureAwait(false))
            {
                CollectOnce();
            }
        }
        catch (OperationCanceledException)
        {
            // Silo stopping.
        }
    }

    /// <summary>Queues a collection check on every activation past its age. Returns how many were queued.</summary>
    internal int CollectOnce()
    {
        var queued = 0;
        foreach (var activation in catalog.Activations)
        {
            var age = activation.ClassInfo.CollectionAge;
            if (activation.State == ActivationState.Valid && activation.IdleFor >= age
                && activation.TryEnqueue(new CollectIfIdleWorkItem(DeactivationReason.IdleCollection, age)))
            {
                queued++;
            }
        }

        if (queued > 0)
        {
            LogCollecting(queued);
        }

        return queued;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Collecting {Count} idle activations")]
    private partial void LogCollecting(int count);
}
