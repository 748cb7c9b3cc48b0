using PacificEdge.Grains.Interfaces.Carts;

namespace PacificEdge.WebFrontend.Api;

/// <summary>The store rules the front end needs, bound from the <c>Commerce</c> section the silo reads too.</summary>
public sealed class StoreSettings
{
    /// <summary>The store's currency (<c>Commerce:Currency</c>). Default USD.</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>Guest checkout limits (<c>Commerce:GuestCheckout</c>); the front end enforces the open-order limits.</summary>
    public GuestCheckoutLimits GuestCheckout { get; set; } = new();

    /// <summary><c>Commerce:PublicBaseUrl</c>: where links in emails point (same default as the silo's).</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";
}
