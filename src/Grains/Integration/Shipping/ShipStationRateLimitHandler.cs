namespace PacificEdge.Grains.Integration.Shipping;

/// <summary>
/// Inside the resilience handler, so every attempt (retries included) is paced: first the platform's own window
/// (<see cref="ShipStationRateLimitGate"/>), then this process's share (<see cref="ShippingRequestLimiter"/>).
/// The headers only tell us the platform's count after an answer, so a burst from one process would overshoot
/// before the first <c>Remaining: 0</c> comes back; the local limiter keeps this process's own burst within
/// <see cref="ShippingOptions.RequestsPerMinute"/>, while the headers cover what other processes on the same
/// API key spend.
/// </summary>
public sealed class ShipStationRateLimitHandler(ShipStationRateLimitGate gate, ShippingRequestLimiter limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        await limiter.WaitForPermitAsync(cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        gate.Observe(response);
        return response;
    }
}
