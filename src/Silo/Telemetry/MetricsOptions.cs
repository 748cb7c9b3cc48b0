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

    /// <summary>
    /// Host name or address the endpoint listens on: <c>localhost</c> (the default) or, in Kubernetes, the pod IP.
    /// The listener (HttpListener) answers only requests whose Host matches it, and takes no wildcard.
    /// </summary>
    public string PrometheusHost { get; set; } = "localhost";

    public IEnumerable<string> Problems()
    {
        if (PrometheusPort is < 0 or > 65535)
        {
            yield return "Telemetry:Metrics:PrometheusPort must be between 0 (off) and 65535.";
        }

        if (Uri.CheckHostName(PrometheusHost) == UriHostNameType.Unknown)
        {
            yield return "Telemetry:Metrics:PrometheusHost must be a host name or IP address (no wildcard), e.g. the pod IP.";
        }
    }
}
