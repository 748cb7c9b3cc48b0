using PacificEdge.Grains.Integration.Shipping;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Shipping;
using Orleans;
using Orleans.Runtime;

namespace PacificEdge.Grains.Shipping;

/// <summary>Stateless: the webhook store records the event; the shipments de-duplicate the notices.</summary>
// Stateless and short-lived: collected soon after use (Orleans needs more than its 1-minute collection quantum).
[CollectionAgeLimit(Minutes = 2)]
[GrainType("shipping-notification")]
public sealed class ShippingNotificationGrain(IShippingPlatform platform) : Grain, IShippingNotificationGrain
{
    public async Task<int> Process(string resourceUrl)
    {
        if (!Uri.TryCreate(resourceUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw new ValidationException("resource_url must be an absolute http(s) URL.");
        }

        var applied = 0;
        foreach (var notice in await platform.FetchNoticesAsync(uri, CancellationToken.None))
        {
            await GrainFactory.GetGrain<IShipmentGrain>(notice.ShipmentId).ApplyCarrierEvent(notice.Event);
            applied++;
        }

        return applied;
    }
}
