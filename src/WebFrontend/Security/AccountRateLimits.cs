using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Registrations and password-reset requests per client address per hour (<see cref="SecurityOptions.AccountRequestsPerAddressPerHour"/>):
/// they answer alike for known and unknown emails, and the limit keeps anyone from probing many addresses.
/// </summary>
public static class AccountRateLimits
{
    public const string Policy = "accounts";

    public static IServiceCollection AddAccountRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SecurityOptions>>((limiter, security) =>
            limiter.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = security.Value.AccountRequestsPerAddressPerHour,
                    Window = TimeSpan.FromHours(1),
                    QueueLimit = 0,
                })));
        return services;
    }
}
