using System.Text;
using PacificEdge.Testing;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Request = WireMock.RequestBuilders.Request;

namespace PacificEdge.Silo.Tests.Telemetry;

/// <summary>With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, traces and metrics are pushed to it (here a local HTTP listener).</summary>
public sealed class OtlpExportTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IDisposable
{
    private readonly WireMockServer _collector = StartCollector();

    [Fact]
    public async Task With_an_OTLP_endpoint_request_traces_and_metrics_arrive_at_the_collector()
    {
        await using var app = new SiloAppFactory(database.ConnectionString, settings: new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Url!,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            // Export soon rather than after the defaults (5 s for spans, 60 s for metrics).
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/api/catalog");

        Assert.True(response.IsSuccessStatusCode, $"catalog answered {(int)response.StatusCode}");
        // Protobuf keeps strings as UTF-8, so the route and service name are readable in the body.
        await Eventually.WaitAsync(() => Task.FromResult(Bodies("/v1/traces")), bodies => bodies.Any(b => b.Contains("/api/catalog", StringComparison.Ordinal)),
            "the catalog request's span at the collector");
        await Eventually.WaitAsync(() => Task.FromResult(Bodies("/v1/metrics")), bodies => bodies.Any(b => b.Contains("http.server.request.duration", StringComparison.Ordinal)),
            "the request duration metric at the collector");
        Assert.Contains(Bodies("/v1/traces"), b => b.Contains("pacificedge", StringComparison.OrdinalIgnoreCase));
    }

    public void Dispose()
    {
        _collector.Stop();
        _collector.Dispose();
    }

    private List<string> Bodies(string path) => _collector.LogEntries
        .Where(e => e.RequestMessage.Path == path && e.RequestMessage.BodyAsBytes is not null)
        .Select(e => Encoding.UTF8.GetString(e.RequestMessage.BodyAsBytes!))
        .ToList();

    private static WireMockServer StartCollector()
    {
        var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/v1/traces").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        server.Given(Request.Create().WithPath("/v1/metrics").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        return server;
    }
}
