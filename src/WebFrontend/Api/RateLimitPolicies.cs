using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PacificEdge.WebFrontend.Security;

namespace PacificEdge.WebFrontend.Api;

/// <summary>Endpoint rate limits; a refused request gets 429 with Retry-After and a problem body.</summary>
public static class RateLimitPolicies
{
    public const string Checkout = "checkout";
    public const string Admin = "admin";
    public const string OrderLinks = "order-links";

    public static IServiceCollection AddFrontendRateLimits(this IServiceCollection services, RateLimitSettings settings)
        => services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Checkout, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.UserId() ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => Window(settings.CheckoutsPerMinute)));
            limiter.AddPolicy(Admin, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.UserId() ?? "anonymous",
                _ => Window(settings.AdminPerMinute)));
            // Per client address, not per order: one caller must not mail-bomb a shopper or probe many orders.
            limiter.AddPolicy(OrderLinks, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => Window(settings.OrderLinksPerMinute)));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Results.Problem("Too many requests. Try again later.", statusCode: 429, title: "Too many requests.")
                    .ExecuteAsync(context.HttpContext);
            };
        });

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };
}
