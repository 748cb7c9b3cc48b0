using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using PacificEdge.WebFrontend.Security;

namespace PacificEdge.Silo.Health.Detail;

/// <summary><c>GET /health/detail</c>: every component the store depends on, for admins (anonymous 401, other roles 403).</summary>
public static class HealthDetailEndpoint
{
    public const string Path = "/health/detail";
    public const string Tag = "detail";

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Registers the detail checks; the database check (already registered for readiness) carries the tag too.</summary>
    public static IHealthChecksBuilder AddDetailChecks(this IHealthChecksBuilder health, IServiceCollection services, string serviceId)
    {
        services.AddOptions<HealthDetailOptions>().BindConfiguration(HealthDetailOptions.SectionName)
            .Validate(o => o.ProbeTimeout > TimeSpan.Zero && o.ProbeTimeout < CheckTimeout, "Health:Detail:ProbeTimeout must be positive and under 10 s.")
            .Validate(o => o.ReminderLagThreshold > TimeSpan.Zero && o.WebhookBacklogThreshold > TimeSpan.Zero, "Health:Detail thresholds must be positive.")
            .ValidateOnStart();
        string[] tags = [Tag];
        return health
            .AddCheck<SilosHealthCheck>("silos", tags: tags, timeout: CheckTimeout)
            .AddCheck<EmailHealthCheck>("email", tags: tags, timeout: CheckTimeout)
            .AddCheck<ShippingHealthCheck>("shipping", tags: tags, timeout: CheckTimeout)
            .AddCheck<PaymentGatewayHealthCheck>("payments", tags: tags, timeout: CheckTimeout)
            .AddTypeActivatedCheck<ReminderLagHealthCheck>("reminder_lag", failureStatus: null, tags: tags, timeout: CheckTimeout, args: [serviceId])
            .AddCheck<WebhookBacklogHealthCheck>("webhook_backlog", tags: tags, timeout: CheckTimeout);
    }

    public static IEndpointConventionBuilder MapHealthDetail(this WebApplication app)
        => app.MapHealthChecks(Path, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Tag),
            ResponseWriter = HealthDetailWriter.WriteAsync,
        }).RequireAuthorization(Roles.AdminPolicy);
}
