namespace PacificEdge.Runtime.Messaging;

/// <summary>Executes requests for grains hosted on this silo (the activation catalog implements it).</summary>
public interface IGrainRequestHandler
{
    /// <summary>Queues the request on the grain's activation, activating it if needed, and completes with its response.</summary>
    Task<GrainResponse> HandleAsync(GrainRequest request, CancellationToken cancellationToken);
}
