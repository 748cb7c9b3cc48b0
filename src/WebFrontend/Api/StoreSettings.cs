namespace PacificEdge.WebFrontend.Api;

/// <summary>Store settings the front end needs, bound from section <c>Commerce</c> (the silo's options share it).</summary>
public sealed class StoreSettings
{
    /// <summary><c>Commerce:Currency</c>, default USD.</summary>
    public string Currency { get; set; } = "USD";

    /// <summary><c>Commerce:PublicBaseUrl</c>: where links in emails point (same default as the silo's).</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";
}
