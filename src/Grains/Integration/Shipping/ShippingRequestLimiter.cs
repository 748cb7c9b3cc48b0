using Microsoft.Extensions.Options;

namespace PacificEdge.Grains.Integration.Shipping;

/// <summary>
/// Client-side share of the platform's request limit: at most <see cref="ShippingOptions.RequestsPerMinute"/> requests
/// in any rolling window (<see cref="ShippingOptions.RateLimitWindow"/>), one instance per provider and process. It keeps the send times of the last window (a
/// sliding log) rather than using System.Threading.RateLimiting's window limiters, because those replenish on the
/// machine's stopwatch and this one must run on the injected <see cref="TimeProvider"/>; it is also exact, so it can
/// never exceed the platform's fixed window, wherever that window starts.
/// </summary>
/// <remarks>
/// Still needed beside the platform's X-Rate-Limit headers (<see cref="ShipStationRateLimitGate"/>): those count every
/// process on the key but arrive only with answers, so they cannot stop this process's own burst in flight.
/// </remarks>
public sealed class ShippingRequestLimiter
{
    private readonly TimeProvider time;
    private readonly TimeSpan window;
    private readonly int limit;
    private readonly int queueLimit;
    private readonly TimeSpan permitWaitTimeout;
    private readonly Lock gate = new();
    private readonly Queue<DateTimeOffset> sent = new();
    private int waiting;

    public ShippingRequestLimiter(IOptions<ShippingOptions> options, TimeProvider time)
    {
        var settings = options.Value;
        this.time = time;
        window = settings.RateLimitWindow;
        limit = settings.RequestsPerMinute;
        queueLimit = settings.PermitQueueLimit;
        permitWaitTimeout = settings.PermitWaitTimeout;
    }

    /// <summary>Requests that may still be sent in the current rolling minute.</summary>
    public int AvailablePermits
    {
        get
        {
            lock (gate)
            {
                Expire(time.GetUtcNow());
                return limit - sent.Count;
            }
        }
    }

    /// <summary>Waits (on the injected clock) until a request may be sent, and counts it as sent.</summary>
    /// <exception cref="ShippingRateLimitedException">
    /// No permit would come within <see cref="ShippingOptions.PermitWaitTimeout"/>, or <see cref="ShippingOptions.PermitQueueLimit"/>
    /// requests are already waiting; <see cref="ShippingRateLimitedException.RetryAfter"/> says when one frees up.
    /// </exception>
    public async Task WaitForPermitAsync(CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + permitWaitTimeout;
        var queued = false;
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (gate)
                {
                    var now = time.GetUtcNow();
                    Expire(now);
                    if (sent.Count < limit)
                    {
                        sent.Enqueue(now);
                        return;
                    }

                    wait = sent.Peek() + window - now;
                    if (now + wait > deadline || (!queued && waiting >= queueLimit))
                    {
                        throw new ShippingRateLimitedException(wait);
                    }

                    if (!queued)
                    {
                        queued = true;
                        waiting++;
                    }
                }

                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (queued)
            {
                lock (gate)
                {
                    waiting--;
                }
            }
        }
    }

    private void Expire(DateTimeOffset now)
    {
        while (sent.Count > 0 && sent.Peek() + window <= now)
        {
            sent.Dequeue();
        }
    }
}
