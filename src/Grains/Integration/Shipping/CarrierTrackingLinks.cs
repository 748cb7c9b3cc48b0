namespace PacificEdge.Grains.Integration.Shipping;

/// <summary>Public tracking page per carrier code (the platform's codes, e.g. <c>ups</c>, <c>stamps_com</c> for USPS).</summary>
public static class CarrierTrackingLinks
{
    /// <summary>The tracking page for a parcel, or null for a carrier we have no pattern for.</summary>
    public static string? For(string? carrierCode, string? trackingNumber)
    {
        if (string.IsNullOrWhiteSpace(carrierCode) || string.IsNullOrWhiteSpace(trackingNumber))
        {
            return null;
        }

        var number = Uri.EscapeDataString(trackingNumber.Trim());
        return carrierCode.Trim().ToLowerInvariant() switch
        {
            "ups" => $"https://www.ups.com/track?tracknum={number}",
            "usps" or "stamps_com" or "endicia" => $"https://tools.usps.com/go/TrackConfirmAction?tLabels={number}",
            "fedex" => $"https://www.fedex.com/fedextrack/?trknbr={number}",
            "dhl" or "dhl_express" or "dhl_express_worldwide" => $"https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id={number}",
            _ => null,
        };
    }
}
