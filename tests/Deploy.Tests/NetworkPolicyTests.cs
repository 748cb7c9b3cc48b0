using System.Text.Json.Nodes;
using PacificEdge.Deploy.Tests.Support;

namespace PacificEdge.Deploy.Tests;

/// <summary>
/// The NetworkPolicies of every overlay: default deny, the silo port only from silo and web pods, web HTTP from
/// the ingress controller, and the egress each role needs.
/// </summary>
public sealed class NetworkPolicyTests
{
    public static TheoryData<string> Overlays => OverlayTests.Overlays;

    /// <summary>Pods that must not reach the silo port: the ingress controller, PostgreSQL, anything else.</summary>
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
    public void Silo_port_is_open_to_silo_and_web_pods_only(string overlay)
    {
        var r = Rendering.Of(overlay);
        var silo = r.SiloDeployment.PodLabels;
        var web = r.WebDeployment.PodLabels;
        var siloPort = long.Parse(r.AppConfig(r.SiloDeployment)["Runtime__Cluster__SiloPort"], System.Globalization.CultureInfo.InvariantCulture);

        var rules = IngressRulesTo(r, silo, siloPort).ToList();
        Assert.NotEmpty(rules);
        foreach (var (policy, rule) in rules)
        {
            var peers = KubeObject.Objects(rule["from"]);
            Assert.True(peers.Count > 0, $"{overlay} {policy}: a rule opens the silo port to everyone");
            foreach (var peer in peers)
            {
                Assert.True(
                    peer.ContainsKey("podSelector") && !peer.ContainsKey("namespaceSelector") && !peer.ContainsKey("ipBlock"),
                    $"{overlay} {policy}: the silo port may only be opened to pods of this namespace by label");
                foreach (var stranger in Strangers)
                {
                    Assert.False(KubeObject.Selects(peer["podSelector"], stranger), $"{overlay} {policy}: silo port open to pods labelled {string.Join(",", stranger)}");
                }
            }
        }

        Assert.True(Admits(rules, silo), $"{overlay}: silos cannot reach each other's silo port");
        Assert.True(Admits(rules, web), $"{overlay}: web pods cannot reach the silo port");
        Assert.True(AllowsEgress(r, silo, siloPort) && AllowsEgress(r, web, siloPort), $"{overlay}: egress to the silo port is not allowed");
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
