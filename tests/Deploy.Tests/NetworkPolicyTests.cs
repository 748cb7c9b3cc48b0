using System.Text.Json.Nodes;
using PacificEdge.Deploy.Tests.Support;

namespace PacificEdge.Deploy.Tests;

/// <summary>
/// The NetworkPolicies of every overlay: default deny, the Orleans silo port only from silos, the gateway port
/// only from web pods, web HTTP from the ingress controller, the Kubernetes API for silos only, and the egress each
/// role needs.
/// </summary>
public sealed class NetworkPolicyTests
{
    public static TheoryData<string> Overlays => OverlayTests.Overlays;

    /// <summary>Pods that must not reach the silo or gateway port: the ingress controller, PostgreSQL, anything else.</summary>
    private static readonly IReadOnlyDictionary<string, string>[] Strangers =
    [
        new Dictionary<string, string>(),
        new Dictionary<string, string> { ["app.kubernetes.io/name"] = "ingress-nginx" },
        new Dictionary<string, string> { ["app.kubernetes.io/name"] = "postgres" },
        new Dictionary<string, string> { ["app.kubernetes.io/name"] = "pacificedge", ["app.kubernetes.io/component"] = "debug" },
        new Dictionary<string, string> { ["app.kubernetes.io/component"] = "silo" },
    ];

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Namespace_denies_by_default(string overlay)
    {
        var deny = Rendering.Of(overlay).Get("NetworkPolicy", "pacificedge-default-deny");
        Assert.True(deny.Spec?["podSelector"] is JsonObject { Count: 0 }, "default deny must select every pod (podSelector: {})");
        Assert.Equal(["Egress", "Ingress"], KubeObject.Strings(deny.Spec?["policyTypes"]).Order(StringComparer.Ordinal));
        Assert.Empty(KubeObject.Objects(deny.Spec?["ingress"]));
        Assert.Empty(KubeObject.Objects(deny.Spec?["egress"]));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Silo_port_is_open_to_silo_pods_only(string overlay)
    {
        var r = Rendering.Of(overlay);
        var silo = r.SiloDeployment.PodLabels;
        var web = r.WebDeployment.PodLabels;
        var siloPort = OverlayTests.ConfigPort(r, r.SiloDeployment, "Orleans__SiloPort");

        // Orleans clients (the web pods) talk to gateways only; the silo port is silo-to-silo.
        var rules = OnlyOpenToPods(r, overlay, silo, siloPort, "silo", [.. Strangers, web]);
        Assert.True(Admits(rules, silo), $"{overlay}: silos cannot reach each other's silo port");
        Assert.True(AllowsEgress(r, silo, siloPort), $"{overlay}: silos may not send to the silo port");
        Assert.False(AllowsEgress(r, web, siloPort), $"{overlay}: web pods may send to the silo port; they are clients and use the gateway");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Gateway_port_is_open_to_web_pods_only(string overlay)
    {
        var r = Rendering.Of(overlay);
        var silo = r.SiloDeployment.PodLabels;
        var web = r.WebDeployment.PodLabels;
        var gatewayPort = OverlayTests.ConfigPort(r, r.SiloDeployment, "Orleans__GatewayPort");

        var rules = OnlyOpenToPods(r, overlay, silo, gatewayPort, "gateway", [.. Strangers, silo]);
        Assert.True(Admits(rules, web), $"{overlay}: web pods cannot reach the silos' gateway port");
        Assert.True(AllowsEgress(r, web, gatewayPort), $"{overlay}: web pods may not send to the gateway port");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Pods_accept_nothing_but_their_own_ports(string overlay)
    {
        // Silos: silo and gateway ports; front ends: HTTP; both: the metrics port. Every ingress rule names its ports (none opens all).
        var r = Rendering.Of(overlay);
        var allowed = new[]
        {
            (r.SiloDeployment, new HashSet<long> { OverlayTests.ConfigPort(r, r.SiloDeployment, "Orleans__SiloPort"), OverlayTests.ConfigPort(r, r.SiloDeployment, "Orleans__GatewayPort"), OverlayTests.ConfigPort(r, r.SiloDeployment, MetricsScrapeTests.PortKey) }),
            (r.WebDeployment, new HashSet<long> { 8080, OverlayTests.ConfigPort(r, r.WebDeployment, MetricsScrapeTests.PortKey) }),
        };
        foreach (var (deployment, ports) in allowed)
        {
            foreach (var policy in r.OfKind("NetworkPolicy").Where(p => KubeObject.Selects(p.Spec?["podSelector"], deployment.PodLabels)))
            {
                foreach (var rule in KubeObject.Objects(policy.Spec?["ingress"]))
                {
                    var rulePorts = KubeObject.Objects(rule["ports"]);
                    Assert.True(rulePorts.Count > 0, $"{overlay} {policy}: an ingress rule to {deployment} opens every port");
                    foreach (var port in rulePorts)
                    {
                        var number = KubeObject.Integer(port["port"]);
                        Assert.True(
                            number is { } n && ports.Contains(n) && port["endPort"] is null,
                            $"{overlay} {policy}: opens port {KubeObject.Text(port["port"])} of {deployment}; allowed: {string.Join(", ", ports)}");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Only_the_silos_reach_the_kubernetes_api(string overlay)
    {
        // Orleans' Kubernetes agent runs in the silos and calls the API server (443 through the "kubernetes"
        // Service, 6443 on the control-plane endpoints of many clusters). The front end has no business there.
        var r = Rendering.Of(overlay);
        var policy = r.Get("NetworkPolicy", "pacificedge-silo-kube-api");
        Assert.True(KubeObject.Selects(policy.Spec?["podSelector"], r.SiloDeployment.PodLabels), $"{overlay}: {policy} does not select the silos");
        Assert.False(KubeObject.Selects(policy.Spec?["podSelector"], r.WebDeployment.PodLabels), $"{overlay}: {policy} selects the web pods");
        Assert.Equal(["Egress"], KubeObject.Strings(policy.Spec?["policyTypes"]));
        Assert.Empty(KubeObject.Objects(policy.Spec?["ingress"]));
        var ports = KubeObject.Objects(policy.Spec?["egress"])
            .SelectMany(rule => KubeObject.Objects(rule["ports"]))
            .Select(p => (KubeObject.Text(p["protocol"]) ?? "TCP", KubeObject.Integer(p["port"])))
            .ToHashSet();
        Assert.True(ports.SetEquals([("TCP", 443L), ("TCP", 6443L)]), $"{overlay}: {policy} opens [{string.Join(", ", ports)}]; expected TCP 443 and 6443 only");
        Assert.All(KubeObject.Objects(policy.Spec?["egress"]), rule => Assert.NotEmpty(KubeObject.Objects(rule["ports"])));

        Assert.True(AllowsEgress(r, r.SiloDeployment.PodLabels, 6443), $"{overlay}: silos cannot reach the API server on 6443");
        // Web pods do have HTTPS egress (Stripe), but only to public addresses: see Web_reaches_https_outside_the_cluster_only.
        Assert.False(AllowsEgress(r, r.WebDeployment.PodLabels, 6443), $"{overlay}: web pods can reach the API server");
    }

    /// <summary>
    /// Checks that every ingress rule to <paramref name="target"/> opening <paramref name="port"/> admits only pods
    /// of this namespace by label, none of <paramref name="excluded"/>, and returns those rules.
    /// </summary>
    private static List<(KubeObject Policy, JsonObject Rule)> OnlyOpenToPods(
        Rendering r, string overlay, IReadOnlyDictionary<string, string> target, long port, string what, IReadOnlyList<IReadOnlyDictionary<string, string>> excluded)
    {
        var rules = IngressRulesTo(r, target, port).ToList();
        Assert.NotEmpty(rules);
        foreach (var (policy, rule) in rules)
        {
            var peers = KubeObject.Objects(rule["from"]);
            Assert.True(peers.Count > 0, $"{overlay} {policy}: a rule opens the {what} port to everyone");
            foreach (var peer in peers)
            {
                Assert.True(
                    peer.ContainsKey("podSelector") && !peer.ContainsKey("namespaceSelector") && !peer.ContainsKey("ipBlock"),
                    $"{overlay} {policy}: the {what} port may only be opened to pods of this namespace by label");
                foreach (var stranger in excluded)
                {
                    Assert.False(
                        KubeObject.Selects(peer["podSelector"], stranger),
                        $"{overlay} {policy}: {what} port open to pods labelled {string.Join(",", stranger)}");
                }
            }
        }

        return rules;
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Web_is_reachable_from_the_ingress_controller(string overlay)
    {
        var r = Rendering.Of(overlay);
        var rules = IngressRulesTo(r, r.WebDeployment.PodLabels, 8080).ToList();
        Assert.Contains(rules, entry => KubeObject.Objects(entry.Rule["from"]).Any(peer =>
            KubeObject.Selects(peer["namespaceSelector"], new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "ingress-nginx" })));
        foreach (var (policy, rule) in rules)
        {
            Assert.True(KubeObject.Objects(rule["from"]).Count > 0, $"{overlay} {policy}: web HTTP open to everyone");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Each_role_has_the_egress_it_needs(string overlay)
    {
        var r = Rendering.Of(overlay);
        foreach (var labels in new[] { r.SiloDeployment.PodLabels, r.WebDeployment.PodLabels })
        {
            Assert.True(AllowsEgress(r, labels, 53, "UDP"), $"{overlay} {labels["app.kubernetes.io/component"]}: no DNS egress");
            Assert.True(AllowsEgress(r, labels, 5432), $"{overlay} {labels["app.kubernetes.io/component"]}: no PostgreSQL egress");
        }

        // Payment and shipping APIs over HTTPS are called by grains, i.e. from the silos.
        Assert.True(AllowsEgress(r, r.SiloDeployment.PodLabels, 443), $"{overlay}: silos have no HTTPS egress");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Web_reaches_https_outside_the_cluster_only(string overlay)
    {
        // With Commerce:Payments:Provider=Stripe the webhook endpoint calls Stripe's API from the web pods.
        var r = Rendering.Of(overlay);
        var web = r.WebDeployment.PodLabels;
        Assert.True(AllowsEgress(r, web, 443), $"{overlay}: web pods cannot reach Stripe on 443");

        var rules = r.OfKind("NetworkPolicy")
            .Where(p => KubeObject.Selects(p.Spec?["podSelector"], web) && KubeObject.Strings(p.Spec?["policyTypes"]).Contains("Egress"))
            .SelectMany(p => KubeObject.Objects(p.Spec?["egress"]).Select(rule => (Policy: p, Rule: rule)))
            .Where(entry => OpensPort(entry.Rule, 443, "TCP"))
            .ToList();
        foreach (var (policy, rule) in rules)
        {
            var peers = KubeObject.Objects(rule["to"]);
            Assert.True(peers.Count > 0, $"{overlay} {policy}: web HTTPS egress open to every address, cluster included");
            foreach (var peer in peers)
            {
                var block = peer["ipBlock"] as JsonObject;
                Assert.True(block is not null && peer.Count == 1, $"{overlay} {policy}: web HTTPS egress to pods or namespaces");
                Assert.Equal("0.0.0.0/0", KubeObject.Text(block!["cidr"]));
                Assert.Superset(new HashSet<string> { "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16" }, KubeObject.Strings(block["except"]).ToHashSet());
            }
        }
    }

    /// <summary>Ingress rules of policies selecting <paramref name="labels"/> that open <paramref name="port"/> (a rule without ports opens all).</summary>
    private static IEnumerable<(KubeObject Policy, JsonObject Rule)> IngressRulesTo(Rendering r, IReadOnlyDictionary<string, string> labels, long port) =>
        from policy in r.OfKind("NetworkPolicy")
        where KubeObject.Selects(policy.Spec?["podSelector"], labels)
        from rule in KubeObject.Objects(policy.Spec?["ingress"])
        where OpensPort(rule, port, "TCP")
        select (policy, rule);

    private static bool Admits(IEnumerable<(KubeObject Policy, JsonObject Rule)> rules, IReadOnlyDictionary<string, string> labels) =>
        rules.Any(entry => KubeObject.Objects(entry.Rule["from"]).Any(peer =>
            peer.ContainsKey("podSelector") && !peer.ContainsKey("namespaceSelector") && KubeObject.Selects(peer["podSelector"], labels)));

    private static bool AllowsEgress(Rendering r, IReadOnlyDictionary<string, string> labels, long port, string protocol = "TCP") =>
        r.OfKind("NetworkPolicy")
            .Where(p => KubeObject.Selects(p.Spec?["podSelector"], labels) && KubeObject.Strings(p.Spec?["policyTypes"]).Contains("Egress"))
            .SelectMany(p => KubeObject.Objects(p.Spec?["egress"]))
            .Any(rule => OpensPort(rule, port, protocol));

    private static bool OpensPort(JsonObject rule, long port, string protocol)
    {
        var ports = KubeObject.Objects(rule["ports"]);
        return ports.Count == 0 || ports.Any(p =>
            (KubeObject.Text(p["protocol"]) ?? "TCP") == protocol
            && (p["port"] is null || (KubeObject.Integer(p["port"]) is { } start && start <= port && port <= (KubeObject.Integer(p["endPort"]) ?? start))));
    }
}
