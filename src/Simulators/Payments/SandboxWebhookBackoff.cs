namespace PacificEdge.Simulators.Payments;

/// <summary>Delay before a failed webhook's next attempt: exponential from a base, capped, with jitter so many failed webhooks do not retry in step.</summary>
public static class SandboxWebhookBackoff
{
    /// <param name="failedAttempts">Attempts made so far (1 after the first failure).</param>
    /// <param name="baseDelay">Delay after the first failure, before jitter.</param>
    /// <param name="maxDelay">Upper bound before jitter.</param>
    /// <param name="random">Source of jitter.</param>
    /// <returns>A delay in [d/2, d] where d = min(base * 2^(failedAttempts-1), max).</returns>
    public static TimeSpan Delay(int failedAttempts, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var ticks = Math.Min(baseDelay.Ticks * Math.Pow(2, exponent), maxDelay.Ticks);
        return TimeSpan.FromTicks((long)(ticks / 2 + random.NextDouble() * ticks / 2));
    }
}
