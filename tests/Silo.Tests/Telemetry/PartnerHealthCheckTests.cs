using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PacificEdge.Silo.Health.Detail;
using PacificEdge.Testing;

namespace PacificEdge.Silo.Tests.Telemetry;

public sealed class PartnerHealthCheckTests
{
    [Fact]
    public async Task Smtp_mode_is_healthy_while_the_relay_accepts_connections_and_unhealthy_when_nothing_listens()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var open = ((IPEndPoint)listener.LocalEndpoint).Port;
        try
        {
            var up = await EmailCheck(open).CheckHealthAsync(new HealthCheckContext());
            Assert.Equal(HealthStatus.Healthy, up.Status);
            Assert.Equal("smtp", up.Data["mode"]);
        }
        finally
        {
            listener.Stop();
        }

        var down = await EmailCheck(FreeTcpPort.Pick()).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, down.Status);
        Assert.Contains("unreachable", down.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_shipping_and_stripe_are_probed_at_their_configured_hosts()
    {
        var closed = FreeTcpPort.Pick();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Commerce:Shipping:Mode"] = "Live",
            ["Commerce:Shipping:BaseUrl"] = $"http://127.0.0.1:{closed}",
            ["Commerce:Payments:Provider"] = "Stripe",
            ["Commerce:Payments:Stripe:ApiBase"] = $"http://127.0.0.1:{closed}",
        }).Build();
        var options = Options.Create(new HealthDetailOptions { ProbeTimeout = TimeSpan.FromSeconds(2) });

        var shipping = await new ShippingHealthCheck(configuration, options).CheckHealthAsync(new HealthCheckContext());
        var payments = await new PaymentGatewayHealthCheck(configuration, options).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, shipping.Status);
        Assert.Equal("shipstation", shipping.Data["mode"]);
        Assert.Equal(HealthStatus.Unhealthy, payments.Status);
        Assert.Equal("stripe", payments.Data["mode"]);
    }

    private static EmailHealthCheck EmailCheck(int port)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Commerce:Email:Mode"] = "Smtp",
            ["Commerce:Email:Smtp:Host"] = "127.0.0.1",
            ["Commerce:Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        return new EmailHealthCheck(configuration, Options.Create(new HealthDetailOptions { ProbeTimeout = TimeSpan.FromSeconds(2) }));
    }
}
