using PacificEdge.Deploy.Tests.Support;

namespace PacificEdge.Deploy.Tests;

/// <summary>
/// Prometheus scrapes every app pod on the metrics port named by the ConfigMap; that port is annotated, declared,
/// open to the monitoring namespace only and routed by no Service or Ingress (it is not public).
/// </summary>
public sealed class MetricsScrapeTests
{
    public const string PortKey = "Telemetry__Metrics__PrometheusPort";

    public static TheoryData<string> Overlays => OverlayTests.Overlays;

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_app_pod_is_annotated_for_scraping_on_the_configured_metrics_port(string overlay)
    {
        var r = Rendering.Of(overlay);
        foreach (var deployment in r.AppDeployments)
        {
            var port = OverlayTests.ConfigPort(r, deployment, PortKey);
            // The listener matches the Host header, so it must listen on the address Prometheus scrapes: the pod IP.
            var container = Assert.Single(deployment.Containers);
            var env = KubeObject.Objects(container["env"]).Select(e => KubeObject.Text(e["name"])).ToList();
            Assert.Equal("$(POD_IP)", OverlayTests.Env(container, "Telemetry__Metrics__PrometheusHost"));
            var podIp = KubeObject.Objects(container["env"]).Single(e => KubeObject.Text(e["name"]) == "POD_IP");
            Assert.Equal("status.podIP", KubeObject.Text(podIp["valueFrom"]?["fieldRef"]?["fieldPath"]));
            Assert.True(env.IndexOf("POD_IP") < env.IndexOf("Telemetry__Metrics__PrometheusHost"), $"{overlay}: POD_IP must come first for $(POD_IP) to expand");
            var annotations = KubeObject.Map(deployment.PodTemplate?["metadata"]?["annotations"]);
            Assert.Equal("true", annotations.GetValueOrDefault("prometheus.io/scrape"));
            Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), annotations.GetValueOrDefault("prometheus.io/port"));
            Assert.Equal("/metrics", annotations.GetValueOrDefault("prometheus.io/path"));
            Assert.Equal(port, OverlayTests.Port(Assert.Single(deployment.Containers), "metrics"));
            Assert.NotEqual(8080, port);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_metrics_port_is_open_to_the_monitoring_namespace_only_and_no_service_routes_to_it(string overlay)
    {
        var r = Rendering.Of(overlay);
        foreach (var deployment in r.AppDeployments)
        {
            var port = OverlayTests.ConfigPort(r, deployment, PortKey);
            var rules = r.OfKind("NetworkPolicy")
                .Where(p => KubeObject.Selects(p.Spec?["podSelector"], deployment.PodLabels))
                .SelectMany(p => KubeObject.Objects(p.Spec?["ingress"]))
                .Where(rule => KubeObject.Objects(rule["ports"]).Any(p => KubeObject.Integer(p["port"]) == port))
                .ToList();
            var rule = Assert.Single(rules);
            var peer = Assert.Single(KubeObject.Objects(rule["from"]));
            Assert.False(peer.ContainsKey("podSelector"), $"{overlay}: the metrics rule of {deployment} admits pods, not only the monitoring namespace");
            Assert.Equal("monitoring", KubeObject.Map(peer["namespaceSelector"]?["matchLabels"]).GetValueOrDefault("kubernetes.io/metadata.name"));

            foreach (var service in r.OfKind("Service").Where(s => KubeObject.Selects(s.Spec?["selector"], deployment.PodLabels)))
            {
                Assert.DoesNotContain(KubeObject.Objects(service.Spec?["ports"]), p =>
                    KubeObject.Text(p["targetPort"]) == "metrics" || KubeObject.Integer(p["targetPort"]) == port || KubeObject.Integer(p["port"]) == port);
            }
        }
    }
}
