namespace PacificEdge.Silo.Telemetry;

/// <summary>The Prometheus scrape endpoint (section <c>Telemetry:Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Telemetry:Metrics";

    /// <summary>
    /// Port of the scrape endpoint (<c>GET /metrics</c>), a listener of its own beside the application's HTTP port,
    /// so the ingress, which routes only to the application port, never exposes it. 0 (the default): no endpoint.
    /// </summary>
    public int PrometheusPort { get; set; }

    /// <summary>Address the endpoint binds: <c>localhost</c> (the default) or <c>*</c> (all interfaces, e.g. a pod's IP).</summary>
    public string PrometheusHost { get; set; } = "localhost";

    public IEnumerable<string> Problems()
    {
        if (PrometheusPort is < 0 or > 65535)
        {
            yield return "Telemetry:Metrics:PrometheusPort must be between 0 (off) and 65535.";
        }

        if (string.IsNullOrWhiteSpace(PrometheusHost))
        {
            yield return "Telemetry:Metrics:PrometheusHost must name a host, or * for every interface.";
        }
    }
}
