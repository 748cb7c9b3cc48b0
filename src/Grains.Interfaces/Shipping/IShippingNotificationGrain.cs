
namespace PacificEdge.Grains.Interfaces.Shipping;

/// <summary>
/// Processes one thin shipping-platform webhook (key: the stored webhook event id): fetches its
/// resource_url with the platform's credentials and applies each carrier notice to its shipment.
/// Idempotent: notices carry stable event ids.
/// </summary>
[Alias("shipping-notification")]
public interface IShippingNotificationGrain : IGrainWithStringKey
{
    /// <summary>Returns how many notices were applied.</summary>
    Task<int> Process(string resourceUrl);
}
