namespace PacificEdge.Runtime.Messaging;

/// <summary>
/// Delivers a call to the silo that owns its grain: in-process when that is this silo, through a
/// transport otherwise. The seam where placement and remote transports plug in.
/// </summary>
public interface IGrainCallRouter
{
    /// <summary>Sends the request and returns the response. Grain errors come back in the response, not as exceptions.</summary>
    /// <exception cref="SiloUnavailableException">No silo could take the call; safe to retry.</exception>
    Task<GrainResponse> SendAsync(GrainRequest request, CancellationToken cancellationToken);
}
