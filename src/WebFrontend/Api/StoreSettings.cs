namespace PacificEdge.WebFrontend.Api;

/// <summary>The store's currency as the front end needs it (bound from <c>Commerce:Currency</c>, default USD).</summary>
public sealed class StoreSettings
{
    public string Currency { get; set; } = "USD";
}
