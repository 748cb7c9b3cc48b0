using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Login attempts per account and client address (default 5 per 15 minutes). Not the endpoint
/// rate limiter, because the partition key (the account) is inside the request body.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public LoginThrottle(IOptions<FrontendOptions> options)
    {
        var settings = options.Value.RateLimits;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.LoginAttempts,
            Window = settings.LoginWindow,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Takes one attempt; when none is left, returns how long until the window resets.</summary>
    public TimeSpan? TryAttempt(string email, string clientAddress)
    {
        using var lease = _limiter.AttemptAcquire($"{email.Trim().ToLowerInvariant()}|{clientAddress}");
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => _limiter.Dispose();
}
