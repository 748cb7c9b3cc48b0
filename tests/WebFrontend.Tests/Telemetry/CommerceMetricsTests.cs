using System.Globalization;
using PacificEdge.Testing;
using PacificEdge.WebFrontend.Tests.Support;

namespace PacificEdge.WebFrontend.Tests.Telemetry;

/// <summary>Our own meters reach the Prometheus scrape: an order placed at checkout, its checkout time, and the order paid.</summary>
public sealed class CommerceMetricsTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task A_paid_checkout_is_counted_as_placed_timed_and_paid()
    {
        var port = FreeTcpPort.Pick();
        await using var app = new StoreApp(database.ConnectionString, new Dictionary<string, string>
        {
            ["Telemetry:Metrics:PrometheusPort"] = port.ToString(CultureInfo.InvariantCulture),
        }).Start();
        var (customer, _) = await app.NewCustomerAsync("metrics");

        var (orderId, _) = await Shopper.BuyAsync(customer);
        await Shopper.WaitForPaymentAsync(customer, orderId, "Paid");

        using var scraper = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}") };
        var text = await Eventually.WaitAsync(
            () => scraper.GetStringAsync("/metrics"),
            t => Value(t, "pacificedge_orders_paid_total") >= 1,
            "the paid order in the scrape");
        // At least: OpenTelemetry listens to every meter of a name in the process, and other test classes' apps
        // check out in this process too (one app per process in production).
        Assert.True(Value(text, "pacificedge_orders_placed_total") >= 1);
        Assert.True(Value(text, "pacificedge_checkout_duration_seconds_count") >= 1);
        Assert.True(Value(text, "pacificedge_orders_paid_amount_total") > 0);
        Assert.Contains("customer=\"account\"", text, StringComparison.Ordinal);
    }

    /// <summary>The sum of a metric's samples over all label sets (0 when absent); a sample is <c>name{labels} value [timestamp]</c>.</summary>
    private static double Value(string scrape, string metric) =>
        scrape.Split('\n')
            .Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) || l.StartsWith(metric + " ", StringComparison.Ordinal))
            .Select(l => l[(l.LastIndexOf('}') is var brace and >= 0 ? brace + 1 : metric.Length)..].Trim().Split(' ')[0])
            .Sum(v => double.Parse(v, CultureInfo.InvariantCulture));
}
