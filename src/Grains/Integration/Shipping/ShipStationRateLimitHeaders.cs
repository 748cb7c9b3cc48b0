using System.Globalization;

namespace PacificEdge.Grains.Integration.Shipping;

/// <summary>
/// Reads the platform's rate-limit answer: <c>Retry-After</c> (seconds or a date) on a 429, and
/// <c>X-Rate-Limit-Remaining</c> / <c>X-Rate-Limit-Reset</c> (requests left in the window, seconds until it
/// resets) on every answer.
/// </summary>
internal static class ShipStationRateLimitHeaders
{
    public const string Remaining = "X-Rate-Limit-Remaining";
    public const string Reset = "X-Rate-Limit-Reset";

    /// <summary>What a 429 gives when it names no wait at all: the platform's window is one minute.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromMinutes(1);

    /// <summary>How long a 429 asks us to wait: Retry-After, else X-Rate-Limit-Reset, else one minute; never negative.</summary>
    public static TimeSpan RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => ResetIn(response) ?? DefaultRetryAfter,
        };
        return retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter;
    }

    /// <summary>The time until the window resets, when the answer says no request is left in it; otherwise null.</summary>
    public static TimeSpan? ExhaustedFor(HttpResponseMessage response)
        => ReadSeconds(response, Remaining) == 0 ? ResetIn(response) : null;

    private static TimeSpan? ResetIn(HttpResponseMessage response)
        => ReadSeconds(response, Reset) is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    private static long? ReadSeconds(HttpResponseMessage response, string header)
        => response.Headers.TryGetValues(header, out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : null;
}
