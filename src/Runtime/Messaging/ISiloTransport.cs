using PacificEdge.Runtime.Placement;

namespace PacificEdge.Runtime.Messaging;

/// <summary>Sends a request to another silo and returns its response (silo-to-silo transport).</summary>
public interface ISiloTransport
{
    /// <summary>Sends the request to <paramref name="silo"/>.</summary>
    /// <exception cref="SiloUnavailableException">The silo could not be reached or is stopping.</exception>
    Task<GrainResponse> SendAsync(SiloAddress silo, GrainRequest request, CancellationToken cancellationToken);
}
