using System.Text.Json;

namespace PacificEdge.Grains.Integration.Shipping;

/// <summary>
/// A thin shipping webhook as the platform posts it: only where to fetch the news. <see cref="Body"/> is the JSON
/// <c>{"resource_url":"…","resource_type":"SHIP_NOTIFY"}</c> to POST to <c>/webhooks/shipping</c>.
/// </summary>
public sealed record ShipNotifyWebhook(Uri ResourceUrl, string ResourceType)
{
    /// <summary>The resource type of shipment news.</summary>
    public const string ShipNotify = "SHIP_NOTIFY";

    /// <summary>The webhook's JSON body.</summary>
    public string Body => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["resource_url"] = ResourceUrl.AbsoluteUri,
        ["resource_type"] = ResourceType,
    });
}
