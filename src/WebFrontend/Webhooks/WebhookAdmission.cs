using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PacificEdge.WebFrontend.Webhooks;

/// <summary>
/// Two budgets for webhook calls, spent only after a call has been judged: refused calls per source address (so
/// anonymous junk is cut off before it costs a database row and cannot crowd anyone else out) and verified events
/// per provider (so a genuine partner keeps its whole budget however much junk arrives).
/// </summary>
public sealed class WebhookAdmission : IDisposable
{
    private readonly PartitionedRateLimiter<string> _refusals;
    private readonly PartitionedRateLimiter<string> _verified;

    public WebhookAdmission(IOptions<FrontendOptions> options)
    {
        var limits = options.Value.RateLimits;
        _refusals = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(
            address, _ => PerMinute(limits.WebhookRefusalsPerMinute)));
        _verified = PartitionedRateLimiter.Create<string, string>(provider => RateLimitPartition.GetFixedWindowLimiter(
            provider, _ => PerMinute(limits.WebhooksPerMinute)));
    }

    /// <summary>May a refused call from this address still be recorded? If not, <paramref name="retryAfter"/> says when.</summary>
    public bool TryAdmitRefusal(IPAddress? source, out TimeSpan retryAfter) => TryAcquire(_refusals, source?.ToString() ?? "unknown", out retryAfter);

    /// <summary>May a verified event of this provider be stored? If not, <paramref name="retryAfter"/> says when.</summary>
    public bool TryAdmitVerified(string provider, out TimeSpan retryAfter) => TryAcquire(_verified, provider, out retryAfter);

    public void Dispose()
    {
        _refusals.Dispose();
        _verified.Dispose();
    }

    private static bool TryAcquire(PartitionedRateLimiter<string> limiter, string key, out TimeSpan retryAfter)
    {
        using var lease = limiter.AttemptAcquire(key);
        retryAfter = lease.IsAcquired ? TimeSpan.Zero
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        return lease.IsAcquired;
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };
}
