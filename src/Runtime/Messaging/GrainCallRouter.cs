using Microsoft.Extensions.DependencyInjection;
using PacificEdge.Runtime.Placement;

namespace PacificEdge.Runtime.Messaging;

/// <summary>
/// Routes a call to its owner: this silo's catalog when placement says local, the silo transport
/// otherwise. Local calls skip the network but not the codec, so they behave like remote ones.
/// </summary>
internal sealed class GrainCallRouter(IPlacementDirector placement, IServiceProvider services) : IGrainCallRouter
{
    private readonly IGrainRequestHandler? _local = services.GetService<IGrainRequestHandler>();
    private readonly ISiloTransport? _transport = services.GetService<ISiloTransport>();

    public Task<GrainResponse> SendAsync(GrainRequest request, CancellationToken cancellationToken)
    {
        if (_local is not null && placement.IsLocal(request.Target))
        {
            return _local.HandleAsync(request, cancellationToken);
        }

        var owner = placement.GetOwner(request.Target);
        return _transport is not null
            ? _transport.SendAsync(owner, request, cancellationToken)
            : throw new SiloUnavailableException($"{request.Target} belongs to silo {owner}, and this process has no silo transport.");
    }
}
