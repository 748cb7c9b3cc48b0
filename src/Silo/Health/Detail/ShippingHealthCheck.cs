using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Integration.Shipping;

namespace PacificEdge.Silo.Health.Detail;

/// <summary>Shipping platform: the simulator, or ShipStation's API host accepting a connection (no API call: it has a rate limit).</summary>
public sealed class ShippingHealthCheck(IConfiguration configuration, IOptions<HealthDetailOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var shipping = configuration.GetSection(ShippingOptions.SectionName).Get<ShippingOptions>() ?? new ShippingOptions();
        return shipping.Mode == ShippingMode.Sandbox
            ? Task.FromResult(PartnerProbe.Sandbox("Shipping"))
            : PartnerProbe.LiveAsync("Shipping", "shipstation", shipping.BaseUrl, options.Value.ProbeTimeout, cancellationToken);
    }
}
