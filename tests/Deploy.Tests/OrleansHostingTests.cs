using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PacificEdge.Deploy.Tests.Support;

namespace PacificEdge.Deploy.Tests;

/// <summary>
/// The silos run Orleans' Kubernetes hosting (Microsoft.Orleans.Hosting.Kubernetes 10.4.2): the environment it reads,
/// the pod labels its agent selects pods by, the RBAC it needs and the token only the silo container gets; and the
/// old runtime's settings are gone.
/// </summary>
public sealed partial class OrleansHostingTests
{
    public static TheoryData<string> Overlays => OverlayTests.Overlays;

    /// <summary>Labels KubernetesClusterAgent lists and watches pods by (KubernetesHostingOptions.ServiceIdLabel / ClusterIdLabel).</summary>
    private const string ServiceIdLabel = "orleans/serviceId";

    private const string ClusterIdLabel = "orleans/clusterId";

    /// <summary>What the agent does with pods: get + patch its own (labels), list + watch the cluster's.</summary>
    private static readonly string[] PodVerbs = ["get", "list", "patch", "watch"];

    private const string TokenPath = "/var/run/secrets/kubernetes.io/serviceaccount";

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Silo_container_gets_the_environment_orleans_kubernetes_hosting_reads(string overlay)
    {
        var r = Rendering.Of(overlay);
        var silo = Assert.Single(r.SiloDeployment.Containers);
        Assert.Equal("true", OverlayTests.Env(silo, "Orleans__Kubernetes"));

        // Downward API: silo name = pod name, advertised address = pod IP, the agent's namespace.
        Assert.Equal("metadata.name", FieldRef(silo, "POD_NAME"));
        Assert.Equal("metadata.namespace", FieldRef(silo, "POD_NAMESPACE"));
        Assert.Equal("status.podIP", FieldRef(silo, "POD_IP"));

        // ORLEANS_SERVICE_ID / ORLEANS_CLUSTER_ID override ClusterOptions: they must equal what the clients use.
        var config = r.AppConfig(r.SiloDeployment);
        Assert.Equal(config["Orleans__ServiceId"], EnvValue(r, silo, "ORLEANS_SERVICE_ID"));
        Assert.Equal(config["Orleans__ClusterId"], EnvValue(r, silo, "ORLEANS_CLUSTER_ID"));
        Assert.Equal(config["Orleans__ServiceId"], r.AppConfig(r.WebDeployment)["Orleans__ServiceId"]);
        Assert.Equal(config["Orleans__ClusterId"], r.AppConfig(r.WebDeployment)["Orleans__ClusterId"]);

        // Kubernetes hosting is the silo's alone: not in the shared ConfigMap, not in the web or migrate containers.
        foreach (var container in r.WebDeployment.AllContainers.Concat(r.SiloDeployment.InitContainers))
        {
            var names = KubeObject.Objects(container["env"]).Select(e => KubeObject.Text(e["name"])).ToList();
            Assert.DoesNotContain("Orleans__Kubernetes", names);
            Assert.DoesNotContain("ORLEANS_CLUSTER_ID", names);
            Assert.DoesNotContain("ORLEANS_SERVICE_ID", names);
        }

        Assert.False(config.ContainsKey("Orleans__Kubernetes"), $"{overlay}: Orleans__Kubernetes belongs to the silo container, not the ConfigMap");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Silo_pods_carry_the_orleans_labels_matching_their_environment(string overlay)
    {
        var r = Rendering.Of(overlay);
        var deployment = r.SiloDeployment;
        var silo = Assert.Single(deployment.Containers);
        var labels = deployment.PodLabels;
        Assert.True(labels.TryGetValue(ServiceIdLabel, out var serviceId), $"{overlay}: silo pods have no {ServiceIdLabel} label");
        Assert.True(labels.TryGetValue(ClusterIdLabel, out var clusterId), $"{overlay}: silo pods have no {ClusterIdLabel} label");
        Assert.Equal(EnvValue(r, silo, "ORLEANS_SERVICE_ID"), serviceId);
        Assert.Equal(EnvValue(r, silo, "ORLEANS_CLUSTER_ID"), clusterId);
        Assert.Equal(r.AppConfig(deployment)["Orleans__ServiceId"], serviceId);
        Assert.Equal(r.AppConfig(deployment)["Orleans__ClusterId"], clusterId);
        foreach (var value in new[] { serviceId!, clusterId! })
        {
            Assert.True(LabelValue().IsMatch(value), $"{overlay}: '{value}' is not a valid label value (63 characters, alphanumerics, '-', '_', '.')");
        }

        // The ClusterId may change per deployment and a Deployment's selector is immutable: not in the selector.
        var selector = KubeObject.Map(deployment.Spec?["selector"]?["matchLabels"]);
        Assert.False(selector.ContainsKey(ServiceIdLabel) || selector.ContainsKey(ClusterIdLabel), $"{overlay}: the Orleans labels must not be in the silo selector");

        // Only silos carry them: the agent would report any other pod with them as a pod without a silo.
        foreach (var workload in r.Workloads.Where(w => w.Id != deployment.Id))
        {
            Assert.False(
                workload.PodLabels.ContainsKey(ServiceIdLabel) || workload.PodLabels.ContainsKey(ClusterIdLabel),
                $"{overlay} {workload}: only silo pods may carry the Orleans labels");
        }
    }

    [Fact]
    public void Prod_keeps_the_service_id()
    {
        // Storage and reminder rows are keyed by the ServiceId: a new value would orphan every order and reminder.
        var r = Rendering.Of("prod");
        Assert.Equal("pacificedge", r.AppConfig(r.SiloDeployment)["Orleans__ServiceId"]);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Silo_role_allows_exactly_what_the_orleans_agent_does_with_pods(string overlay)
    {
        var r = Rendering.Of(overlay);
        var ns = Assert.Single(r.OfKind("Namespace")).Name;
        var serviceAccount = KubeObject.Text(r.SiloDeployment.PodSpec["serviceAccountName"]);
        Assert.Equal("pacificedge-silo", serviceAccount);
        r.Get("ServiceAccount", serviceAccount!);

        // Namespaced only: the agent works in its own namespace.
        Assert.Empty(r.OfKind("ClusterRole"));
        Assert.Empty(r.OfKind("ClusterRoleBinding"));

        var role = r.Get("Role", "pacificedge-silo");
        var rule = Assert.Single(KubeObject.Objects(role.Json["rules"]));
        Assert.Equal([""], KubeObject.Strings(rule["apiGroups"]));
        Assert.Equal(["pods"], KubeObject.Strings(rule["resources"]));
        Assert.Equal(PodVerbs, KubeObject.Strings(rule["verbs"]).Order(StringComparer.Ordinal));
        Assert.Null(rule["resourceNames"]);
        Assert.Null(rule["nonResourceURLs"]);

        // Bound to the silos' ServiceAccount, in the overlay's namespace, and to nothing else.
        var bindings = r.OfKind("RoleBinding").ToList();
        var binding = Assert.Single(bindings);
        Assert.Equal("Role", KubeObject.Text(binding.Json["roleRef"]?["kind"]));
        Assert.Equal(role.Name, KubeObject.Text(binding.Json["roleRef"]?["name"]));
        Assert.Equal("rbac.authorization.k8s.io", KubeObject.Text(binding.Json["roleRef"]?["apiGroup"]));
        var subject = Assert.Single(KubeObject.Objects(binding.Json["subjects"]));
        Assert.Equal("ServiceAccount", KubeObject.Text(subject["kind"]));
        Assert.Equal(serviceAccount, KubeObject.Text(subject["name"]));
        Assert.Equal(ns, KubeObject.Text(subject["namespace"]));

        // The web pods' ServiceAccount is bound to nothing.
        Assert.NotEqual(KubeObject.Text(r.WebDeployment.PodSpec["serviceAccountName"]), serviceAccount);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Only_the_silo_container_gets_an_api_token(string overlay)
    {
        var r = Rendering.Of(overlay);
        var silo = r.SiloDeployment;
        Assert.Equal("false", KubeObject.Text(silo.PodSpec["automountServiceAccountToken"]));
        Assert.Equal("false", KubeObject.Text(r.Get("ServiceAccount", "pacificedge-silo").Json["automountServiceAccountToken"]));

        // The silo container mounts a projected token where the in-cluster configuration reads it.
        var container = Assert.Single(silo.Containers);
        var mount = KubeObject.Objects(container["volumeMounts"]).SingleOrDefault(m => KubeObject.Text(m["mountPath"]) == TokenPath);
        Assert.True(mount is not null, $"{overlay}: the silo container does not mount an API token at {TokenPath}");
        Assert.Equal("true", KubeObject.Text(mount!["readOnly"]));
        var volume = KubeObject.Objects(silo.PodSpec["volumes"]).Single(v => KubeObject.Text(v["name"]) == KubeObject.Text(mount["name"]));
        var sources = KubeObject.Objects(volume["projected"]?["sources"]);
        var token = sources.Select(s => s["serviceAccountToken"]).OfType<JsonObject>().Single();
        Assert.Equal("token", KubeObject.Text(token["path"]));
        Assert.True(KubeObject.Integer(token["expirationSeconds"]) is >= 600 and <= 3600, $"{overlay}: token lifetime {KubeObject.Text(token["expirationSeconds"])} s");
        Assert.Contains(sources, s => KubeObject.Text(s["configMap"]?["name"]) == "kube-root-ca.crt"
            && KubeObject.Objects(s["configMap"]?["items"]).Any(i => KubeObject.Text(i["path"]) == "ca.crt"));
        Assert.Contains(sources, s => KubeObject.Objects(s["downwardAPI"]?["items"]).Any(i =>
            KubeObject.Text(i["path"]) == "namespace" && KubeObject.Text(i["fieldRef"]?["fieldPath"]) == "metadata.namespace"));

        // Nothing else mounts it: not the migrate initContainer, not the web pods.
        foreach (var workload in r.Workloads)
        {
            foreach (var other in workload.AllContainers.Where(c => !(workload.Id == silo.Id && ReferenceEquals(c, container))))
            {
                Assert.DoesNotContain(KubeObject.Objects(other["volumeMounts"]), m =>
                    KubeObject.Text(m["mountPath"])!.StartsWith("/var/run/secrets/kubernetes.io", StringComparison.Ordinal)
                    || KubeObject.Text(m["name"]) == KubeObject.Text(mount["name"]));
            }

            Assert.True(
                workload.Id == silo.Id || KubeObject.Text(workload.PodSpec["automountServiceAccountToken"]) == "false",
                $"{overlay} {workload}: automountServiceAccountToken is not false");
        }
    }

    [Fact]
    public void No_setting_of_the_old_runtime_remains_under_deploy()
    {
        // Runtime__* keys (Runtime__Cluster__*, Runtime__Postgres__*, Runtime__Silo__*, Runtime__Messaging__*) and the
        // cluster shared secret belong to the home-made runtime Orleans replaced.
        var deploy = Path.Combine(RepoPaths.Root, "deploy");
        var problems = new List<string>();
        foreach (var file in Directory.GetFiles(deploy, "*", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (OldRuntimeSetting().IsMatch(lines[i]))
                {
                    problems.Add($"{Path.GetRelativePath(RepoPaths.Root, file)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void No_rendered_setting_belongs_to_the_old_runtime(string overlay)
    {
        var r = Rendering.Of(overlay);
        var names = new List<string>();
        names.AddRange(r.OfKind("ConfigMap").SelectMany(c => KubeObject.Map(c.Json["data"]).Keys));
        names.AddRange(SecretTemplates.Load().SelectMany(t => t.Keys));
        names.AddRange(r.Workloads.SelectMany(w => w.AllContainers).SelectMany(c => KubeObject.Objects(c["env"])).Select(e => KubeObject.Text(e["name"]) ?? string.Empty));
        var old = names.Where(n => n.StartsWith("Runtime__", StringComparison.OrdinalIgnoreCase) || n.Contains("SharedSecret", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(old.Count == 0, $"{overlay}: settings of the old runtime: {string.Join(", ", old)}");

        // Their replacements are present.
        var config = r.AppConfig(r.SiloDeployment);
        Assert.Subset(
            config.Keys.ToHashSet(),
            new HashSet<string> { "Orleans__ServiceId", "Orleans__ClusterId", "Orleans__SiloPort", "Orleans__GatewayPort", "Orleans__ShutdownTimeout", "Postgres__ApplyMigrationsOnStartup" });
    }

    [Theory]
    [InlineData("Runtime__Cluster__SiloPort=11111", true)]
    [InlineData("  - name: runtime__postgres__connectionstring", true)]
    [InlineData("  Runtime__Cluster__SharedSecret: \"REPLACE_ME\"", true)]
    [InlineData("  ClusterSharedSecret: x", true)]
    [InlineData("        type: RuntimeDefault", false)]
    [InlineData("# src/Runtime goes away", false)]
    [InlineData("      - Orleans__ShutdownTimeout=00:00:30", false)]
    public void Old_runtime_check_tells_old_settings_from_new(string line, bool old) =>
        Assert.Equal(old, OldRuntimeSetting().IsMatch(line));

    /// <summary>The value of an env entry: a literal, or the ConfigMap key it references (resolved in the rendering).</summary>
    internal static string? EnvValue(Rendering r, JsonObject container, string name)
    {
        var entry = KubeObject.Objects(container["env"]).SingleOrDefault(e => KubeObject.Text(e["name"]) == name);
        Assert.True(entry is not null, $"{r.Overlay}: container {KubeObject.Text(container["name"])} has no {name}");
        if (entry!["valueFrom"]?["configMapKeyRef"] is JsonObject reference)
        {
            var map = KubeObject.Map(r.Get("ConfigMap", KubeObject.Text(reference["name"]) ?? string.Empty).Json["data"]);
            var key = KubeObject.Text(reference["key"]) ?? string.Empty;
            Assert.True(map.ContainsKey(key), $"{r.Overlay}: {name} references ConfigMap key {key}, which does not exist");
            return map[key];
        }

        Assert.True(entry["valueFrom"] is null, $"{r.Overlay}: {name} must be a literal or a ConfigMap key");
        return KubeObject.Text(entry["value"]);
    }

    private static string? FieldRef(JsonObject container, string name) =>
        KubeObject.Objects(container["env"])
            .Where(e => KubeObject.Text(e["name"]) == name)
            .Select(e => KubeObject.Text(e["valueFrom"]?["fieldRef"]?["fieldPath"]))
            .SingleOrDefault();

    [GeneratedRegex(@"^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    [GeneratedRegex(@"(?i)\bRuntime__|SharedSecret")]
    private static partial Regex OldRuntimeSetting();
}
