using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PacificEdge.Runtime.Diagnostics;
using PacificEdge.Runtime.Hosting;
using PacificEdge.Runtime.Serialization;

namespace PacificEdge.Runtime.Activation;

/// <summary>The silo services every activation uses, gathered once so an activation holds one pointer.</summary>
internal sealed class ActivationServices(
    IServiceProvider serviceProvider,
    IGrainFactory grainFactory,
    GrainCodec codec,
    ExceptionCodec exceptions,
    GrainActivator activator,
    RuntimeMetrics metrics,
    SiloLifetime lifetime,
    TimeProvider timeProvider,
    IOptions<GrainCollectionOptions> collectionOptions,
    ILogger<GrainActivation> logger)
{
    public IServiceProvider ServiceProvider { get; } = serviceProvider;

    public IGrainFactory GrainFactory { get; } = grainFactory;

    public GrainCodec Codec { get; } = codec;

    public ExceptionCodec Exceptions { get; } = exceptions;

    public GrainActivator Activator { get; } = activator;

    public RuntimeMetrics Metrics { get; } = metrics;

    public SiloLifetime Lifetime { get; } = lifetime;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public GrainCollectionOptions Collection { get; } = collectionOptions.Value;

    public ILogger Logger { get; } = logger;

    /// <summary>For I/O that grain code starts: abandoned only when the silo is dead, so it still works during a graceful stop.</summary>
    public CancellationToken AbortedToken => Lifetime.AbortedToken;
}
