namespace PacificEdge.Grains.Interfaces.Common;

/// <summary>The retry delay used across the system: initial × 2^(attempt − 1), capped.</summary>
public static class ExponentialBackoff
{
    /// <summary>The delay before retry number <paramref name="attempt"/> (1 for the first retry).</summary>
    /// <param name="initial">Delay after the first failure.</param>
    /// <param name="max">Upper bound.</param>
    /// <param name="attempt">Failures so far (values below 1 count as 1).</param>
    public static TimeSpan Delay(TimeSpan initial, TimeSpan max, int attempt)
    {
        // Computed in double so large attempt counts saturate at the cap instead of overflowing.
        var ticks = initial.Ticks * Math.Pow(2, Math.Clamp(attempt - 1, 0, 62));
        return TimeSpan.FromTicks((long)Math.Min(ticks, max.Ticks));
    }
}
