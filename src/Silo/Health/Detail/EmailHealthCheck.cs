using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Integration.Email;

namespace PacificEdge.Silo.Health.Detail;

/// <summary>Email: the sandbox, or the SMTP relay accepting a connection.</summary>
public sealed class EmailHealthCheck(IConfiguration configuration, IOptions<HealthDetailOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Read from configuration: a web process has no email sender of its own but shares the silos' settings.
        var email = configuration.GetSection(EmailOptions.SectionName).Get<EmailOptions>() ?? new EmailOptions();
        if (email.Mode == EmailMode.Sandbox)
        {
            return Task.FromResult(PartnerProbe.Sandbox("Email"));
        }

        return string.IsNullOrWhiteSpace(email.Smtp.Host)
            ? Task.FromResult(HealthCheckResult.Unhealthy("Email: SMTP mode without Commerce:Email:Smtp:Host."))
            : PartnerProbe.LiveAsync("Email", "smtp", new UriBuilder("smtp", email.Smtp.Host, email.Smtp.Port).Uri, options.Value.ProbeTimeout, cancellationToken);
    }
}
