using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Sign-in attempts per account and client address (default 5 per 15 minutes), and failed sign-ins per client address
/// across all accounts (<see cref="SecurityOptions.LoginFailuresPerAddress"/>, same window): one address cannot try one
/// password on many accounts. Account lockout (Identity) comes on top. Not the endpoint rate limiter, because the
/// account is inside the request body and only failures count per address.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _attempts;
    private readonly PartitionedRateLimiter<string> _failures;

    public LoginThrottle(IOptions<FrontendOptions> options, IOptions<SecurityOptions> security)
    {
        var settings = options.Value.RateLimits;
        _attempts = Limiter(settings.LoginAttempts, settings.LoginWindow);
        _failures = Limiter(security.Value.LoginFailuresPerAddress, settings.LoginWindow);
    }

    /// <summary>Takes one attempt; when none is left (for the account here, or for the address), how long until the window resets.</summary>
    public TimeSpan? TryAttempt(string email, string clientAddress)
    {
        // Zero permits: only asks whether the address still has failures left.
        using (var address = _failures.AttemptAcquire(clientAddress, 0))
        {
            if (!address.IsAcquired)
            {
                return RetryAfter(address);
            }
        }

        using var lease = _attempts.AttemptAcquire($"{email.Trim().ToLowerInvariant()}|{clientAddress}");
        return lease.IsAcquired ? null : RetryAfter(lease);
    }

    /// <summary>Counts a failed sign-in against the client address.</summary>
    public void RecordFailure(string clientAddress)
    {
        using var _ = _failures.AttemptAcquire(clientAddress);
    }

    public void Dispose()
    {
        _attempts.Dispose();
        _failures.Dispose();
    }

    private static TimeSpan RetryAfter(RateLimitLease lease)
        => lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);

    private static PartitionedRateLimiter<string> Limiter(int permits, TimeSpan window)
        => PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
