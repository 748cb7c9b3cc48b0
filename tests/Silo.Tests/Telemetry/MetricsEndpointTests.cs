using System.Net;
using System.Text;
using PacificEdge.Testing;

namespace PacificEdge.Silo.Tests.Telemetry;

public sealed class MetricsEndpointTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task The_scrape_port_serves_orleans_aspnetcore_npgsql_and_our_own_metrics_and_the_application_port_does_not()
    {
        var port = FreeTcpPort.Pick();
        await using var app = new SiloAppFactory(database.ConnectionString, settings: new Dictionary<string, string>
        {
            ["Telemetry:Metrics:PrometheusPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // As in Kubernetes, an IP address (there the pod's), scraped at that address.
            ["Telemetry:Metrics:PrometheusHost"] = "127.0.0.1",
        });
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/catalog")).StatusCode);
        // An unsigned payment webhook is refused and counted (meter PacificEdge.Webhooks).
        using var unsigned = await client.PostAsync("/webhooks/payments", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, unsigned.StatusCode);
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var text = await Eventually.WaitAsync(
            () => scraper.GetStringAsync("/metrics"),
            t => t.Contains("pacificedge_webhooks_rejected", StringComparison.Ordinal) && t.Contains("http_server_request_duration", StringComparison.Ordinal),
            "our webhook counter and ASP.NET Core's request duration in the scrape");

        Assert.Contains("orleans_", text, StringComparison.Ordinal);
        Assert.Contains("db_client_", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("+")]
    [InlineData("")]
    public void A_wildcard_or_empty_host_is_refused_at_start_up(string host)
        => Assert.Contains("PrometheusHost", Assert.Single(new PacificEdge.Silo.Telemetry.MetricsOptions { PrometheusPort = 9464, PrometheusHost = host }.Problems()), StringComparison.Ordinal);
}
