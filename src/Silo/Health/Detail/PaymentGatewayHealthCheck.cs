using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Integration.Payments.Stripe;

namespace PacificEdge.Silo.Health.Detail;

/// <summary>Payment gateway: the sandbox, or Stripe's API host accepting a connection.</summary>
public sealed class PaymentGatewayHealthCheck(IConfiguration configuration, IOptions<HealthDetailOptions> options) : IHealthCheck
{
    private static readonly Uri StripeApi = new("https://api.stripe.com");

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var provider = configuration.GetSection(PaymentProviderOptions.SectionName).Get<PaymentProviderOptions>() ?? new PaymentProviderOptions();
        if (provider.Provider == PaymentProvider.Sandbox)
        {
            return Task.FromResult(PartnerProbe.Sandbox("Payments"));
        }

        var stripe = configuration.GetSection(StripePaymentOptions.SectionName).Get<StripePaymentOptions>() ?? new StripePaymentOptions();
        return PartnerProbe.LiveAsync("Payments", "stripe", stripe.ApiBase ?? StripeApi, options.Value.ProbeTimeout, cancellationToken);
    }
}
