using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PacificEdge.Grains.Integration.Shipping;

/// <summary>
/// Honours the platform's own count of our requests (one per process, shared by every call): once an answer says
/// <c>X-Rate-Limit-Remaining: 0</c>, later requests wait for <c>X-Rate-Limit-Reset</c> instead of earning a 429.
/// A wait longer than <see cref="ShippingOptions.RetryAfterCap"/> is not waited out in-process: the request fails
/// at once with <see cref="ShippingRateLimitedException"/> carrying the time left, for the caller's backoff.
/// </summary>
public sealed partial class ShipStationRateLimitGate
{
    private readonly TimeProvider time;
    private readonly ILogger<ShipStationRateLimitGate> logger;
    private readonly TimeSpan cap;
    private readonly Lock gate = new();
    private DateTimeOffset closedUntil = DateTimeOffset.MinValue;

    public ShipStationRateLimitGate(IOptions<ShippingOptions> options, TimeProvider time, ILogger<ShipStationRateLimitGate> logger)
    {
        this.time = time;
        this.logger = logger;
        cap = options.Value.RetryAfterCap;
    }

    /// <summary>Waits (on the injected clock) until the platform's window has room again, if an answer said it had none.</summary>
    /// <exception cref="ShippingRateLimitedException">The window resets later than the cap allows waiting.</exception>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (gate)
        {
            wait = closedUntil - time.GetUtcNow();
        }

        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        if (wait > cap)
        {
            LogFailingFast(wait);
            throw new ShippingRateLimitedException(wait);
        }

        LogWaiting(wait);
        await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Notes the platform's remaining budget from an answer (any status).</summary>
    public void Observe(HttpResponseMessage response)
    {
        if (ShipStationRateLimitHeaders.ExhaustedFor(response) is not { } resetIn)
        {
            return;
        }

        var until = time.GetUtcNow() + resetIn;
        lock (gate)
        {
            if (until <= closedUntil)
            {
                return;
            }

            closedUntil = until;
        }

        LogExhausted(resetIn);
    }

    // Expected when other processes share the API key: Information, never with a stack trace.
    [LoggerMessage(Level = LogLevel.Information, Message = "Shipping platform request budget used up; it resets in {ResetIn}")]
    private partial void LogExhausted(TimeSpan resetIn);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipping platform request waits {Wait} for the platform's rate-limit window")]
    private partial void LogWaiting(TimeSpan wait);

    // Normal flow under load (the caller defers the work quietly): Information, never with a stack trace.
    [LoggerMessage(Level = LogLevel.Information, Message = "Shipping platform rate limit resets in {Wait}, longer than we wait in-process; the caller retries later")]
    private partial void LogFailingFast(TimeSpan wait);
}
