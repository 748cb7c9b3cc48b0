using System.Text.Json.Nodes;
using PacificEdge.Deploy.Tests.Support;

namespace PacificEdge.Deploy.Tests;

/// <summary>
/// Renders every overlay under deploy/k8s/overlays with <c>kubectl kustomize</c> and checks the objects against the
/// operational rules (DESIGN.md section 5, the process contract of src/Silo).
/// </summary>
public sealed class OverlayTests
{
    public static TheoryData<string> Overlays => new(RepoPaths.OverlayNames());

    [Fact]
    public void Dev_and_prod_overlays_exist() =>
        Assert.Subset(RepoPaths.OverlayNames().ToHashSet(), new HashSet<string> { "dev", "prod" });

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Renders_the_expected_kinds(string overlay)
    {
        var r = Rendering.Of(overlay);
        Assert.Single(r.OfKind("Namespace"));
        r.Get("ServiceAccount", "pacificedge");
        r.Get("ServiceAccount", "pacificedge-silo");
        r.Get("Role", "pacificedge-silo");
        r.Get("RoleBinding", "pacificedge-silo");
        Assert.Single(r.OfKind("ConfigMap"), c => c.Name.StartsWith("pacificedge-config", StringComparison.Ordinal));
        _ = r.SiloDeployment;
        _ = r.WebDeployment;
        r.Get("Service", "pacificedge-silo");
        r.Get("Service", "pacificedge-web");
        r.Get("PodDisruptionBudget", "pacificedge-silo");
        r.Get("HorizontalPodAutoscaler", "pacificedge-silo");
        r.Get("HorizontalPodAutoscaler", "pacificedge-web");
        r.Get("Ingress", "pacificedge-web");
        r.Get("NetworkPolicy", "pacificedge-default-deny");
        r.Get("NetworkPolicy", "pacificedge-silo");
        r.Get("NetworkPolicy", "pacificedge-web");
        r.Get("NetworkPolicy", "pacificedge-silo-kube-api");

        // Secrets are created out of band: an apply must never overwrite them with template placeholders.
        Assert.True(!r.OfKind("Secret").Any(), $"{overlay} renders a Secret: {string.Join(", ", r.OfKind("Secret"))}");

        // The PostgreSQL StatefulSet belongs to dev only; prod uses an external server.
        var statefulSets = r.OfKind("StatefulSet").Select(s => s.Name).ToList();
        if (overlay == "dev")
        {
            Assert.Equal(["postgres"], statefulSets);
        }
        else
        {
            Assert.Empty(statefulSets);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_object_lives_in_the_overlay_namespace(string overlay)
    {
        var r = Rendering.Of(overlay);
        var ns = Assert.Single(r.OfKind("Namespace")).Name;
        foreach (var o in r.Objects.Where(o => o.Kind != "Namespace"))
        {
            Assert.True(KubeObject.Text(o.Json["metadata"]?["namespace"]) == ns, $"{overlay} {o}: not in namespace {ns}");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_container_has_readiness_and_liveness_probes_on_a_declared_port(string overlay)
    {
        var r = Rendering.Of(overlay);
        // Batch pods (the backup CronJob) run to completion and serve nothing: no probes.
        foreach (var workload in r.Workloads.Where(w => w.Kind is not ("Job" or "CronJob")))
        {
            foreach (var container in workload.Containers)
            {
                var where = $"{overlay} {workload} container {KubeObject.Text(container["name"])}";
                var ports = KubeObject.Objects(container["ports"]).ToList();
                foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
                {
                    Assert.True(container[probe] is JsonObject, $"{where}: no {probe}");
                }

                foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
                {
                    if (container[probe]?["httpGet"]?["port"] is { } port)
                    {
                        var text = KubeObject.Text(port);
                        Assert.True(
                            ports.Any(p => KubeObject.Text(p["name"]) == text || KubeObject.Text(p["containerPort"]) == text),
                            $"{where}: {probe} uses port {text}, which the container does not declare");
                    }
                }
            }
        }

        foreach (var deployment in r.AppDeployments)
        {
            foreach (var container in deployment.Containers)
            {
                var where = $"{overlay} {deployment}";
                Assert.Equal("/health/ready", KubeObject.Text(container["readinessProbe"]?["httpGet"]?["path"]));
                Assert.Equal("/health/live", KubeObject.Text(container["livenessProbe"]?["httpGet"]?["path"]));
                Assert.True(container["startupProbe"] is JsonObject, $"{where}: no startupProbe");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Containers_follow_the_process_contract(string overlay)
    {
        var r = Rendering.Of(overlay);
        var silo = Assert.Single(r.SiloDeployment.Containers);
        var web = Assert.Single(r.WebDeployment.Containers);
        Assert.Equal("silo", Env(silo, "PACIFICEDGE_MODE"));
        Assert.Equal("web", Env(web, "PACIFICEDGE_MODE"));

        // The silo declares its HTTP, silo and gateway ports by name, on the configured numbers; the web pods are
        // Orleans clients and declare only HTTP.
        var config = r.AppConfig(r.SiloDeployment);
        Assert.Equal(ConfigPort(r, r.SiloDeployment, "Orleans__SiloPort"), Port(silo, "silo"));
        Assert.Equal(ConfigPort(r, r.SiloDeployment, "Orleans__GatewayPort"), Port(silo, "gateway"));
        Assert.Equal(8080, Port(silo, "http"));
        Assert.Equal(11111, Port(silo, "silo"));
        Assert.Equal(30000, Port(silo, "gateway"));
        Assert.Equal(8080, Port(web, "http"));
        var webPorts = KubeObject.Objects(web["ports"]).Select(p => KubeObject.Integer(p["containerPort"])).ToList();
        Assert.Equal([8080L, ConfigPort(r, r.WebDeployment, "Telemetry__Metrics__PrometheusPort")], webPorts);
        Assert.All(r.WebDeployment.AllContainers, c => Assert.DoesNotContain(KubeObject.Objects(c["ports"]), p => KubeObject.Text(p["name"]) is "silo" or "gateway"));

        foreach (var deployment in r.AppDeployments)
        {
            // Schema migrations run before any process of the new version starts.
            var migrate = Assert.Single(deployment.InitContainers);
            Assert.Equal("migrate", Env(migrate, "PACIFICEDGE_MODE"));
            Assert.Equal("false", r.AppConfig(deployment).GetValueOrDefault("Postgres__ApplyMigrationsOnStartup"));

            foreach (var container in deployment.AllContainers)
            {
                var sources = KubeObject.Objects(container["envFrom"]);
                var configMap = sources.Select(s => KubeObject.Text(s["configMapRef"]?["name"])).OfType<string>().Single();
                r.Get("ConfigMap", configMap);
                Assert.Contains("pacificedge-secrets", sources.Select(s => KubeObject.Text(s["secretRef"]?["name"])));
                Assert.Equal(KubeObject.Text(container["image"]), KubeObject.Text(silo["image"]));
            }

            // No container gets a Kubernetes API token by default; the silo container mounts one explicitly
            // (OrleansHostingTests).
            Assert.Equal("false", KubeObject.Text(deployment.PodSpec["automountServiceAccountToken"]));
        }

        // The front end never calls the Kubernetes API: its ServiceAccount has no token and no role.
        Assert.Equal("pacificedge", KubeObject.Text(r.WebDeployment.PodSpec["serviceAccountName"]));
        Assert.Equal("false", KubeObject.Text(r.Get("ServiceAccount", "pacificedge").Json["automountServiceAccountToken"]));
        Assert.Equal("pacificedge-silo", KubeObject.Text(r.SiloDeployment.PodSpec["serviceAccountName"]));
        Assert.Null(config.GetValueOrDefault("Orleans__Kubernetes"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Grace_period_exceeds_prestop_plus_the_shutdown_timeout(string overlay)
    {
        var r = Rendering.Of(overlay);
        foreach (var deployment in r.AppDeployments)
        {
            var shutdown = r.ConfigDuration(deployment, "Orleans__ShutdownTimeout");
            var grace = KubeObject.Integer(deployment.PodSpec["terminationGracePeriodSeconds"])
                ?? throw new Xunit.Sdk.XunitException($"{overlay} {deployment}: terminationGracePeriodSeconds not set");
            foreach (var container in deployment.Containers)
            {
                var preStop = container["lifecycle"]?["preStop"] as JsonObject;
                Assert.True(preStop is not null, $"{overlay} {deployment}: no preStop hook");
                var sleep = PreStopSeconds(preStop!);
                // The kubelet counts the preStop hook inside the grace period.
                Assert.True(
                    grace > sleep + shutdown.TotalSeconds,
                    $"{overlay} {deployment}: terminationGracePeriodSeconds {grace} must exceed preStop {sleep} s + ShutdownTimeout {shutdown.TotalSeconds} s");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Rolling_updates_never_reduce_capacity(string overlay)
    {
        foreach (var deployment in Rendering.Of(overlay).AppDeployments)
        {
            var strategy = deployment.Spec?["strategy"];
            Assert.Equal("RollingUpdate", KubeObject.Text(strategy?["type"]));
            var maxUnavailable = KubeObject.Text(strategy?["rollingUpdate"]?["maxUnavailable"]);
            Assert.True(maxUnavailable is "0" or "0%", $"{overlay} {deployment}: maxUnavailable is {maxUnavailable ?? "unset (default 25%)"}");
            var maxSurge = KubeObject.Text(strategy?["rollingUpdate"]?["maxSurge"]);
            Assert.True(maxSurge is not (null or "0" or "0%"), $"{overlay} {deployment}: maxSurge must be at least 1 when maxUnavailable is 0");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Silo_disruption_budget_selects_the_silo_pods_and_lets_one_go_at_a_time(string overlay)
    {
        var r = Rendering.Of(overlay);
        var silo = r.SiloDeployment;
        var budgets = r.OfKind("PodDisruptionBudget").Where(p => KubeObject.Selects(p.Spec?["selector"], silo.PodLabels)).ToList();
        var pdb = Assert.Single(budgets);
        Assert.Equal("policy/v1", pdb.ApiVersion);
        Assert.False(KubeObject.Selects(pdb.Spec?["selector"], r.WebDeployment.PodLabels), $"{overlay}: silo PDB also selects web pods");

        var replicas = KubeObject.Integer(silo.Spec?["replicas"]) ?? 1;
        var maxUnavailable = KubeObject.Integer(pdb.Spec?["maxUnavailable"]);
        var minAvailable = KubeObject.Integer(pdb.Spec?["minAvailable"]);
        Assert.True(maxUnavailable is not null ^ minAvailable is not null, $"{overlay}: set exactly one of minAvailable/maxUnavailable (as an integer)");
        var allowedDown = maxUnavailable ?? (replicas - minAvailable!.Value);
        // Drains must be able to proceed (>= 1) but never take out more than one silo while others hold grains.
        Assert.True(allowedDown == 1 && replicas >= 2, $"{overlay}: silo PDB allows {allowedDown} of {replicas} silos down");

        // Every PDB selects the pods of some workload (a typo in a label would make it a silent no-op).
        foreach (var budget in r.OfKind("PodDisruptionBudget"))
        {
            Assert.True(r.Workloads.Any(w => KubeObject.Selects(budget.Spec?["selector"], w.PodLabels)), $"{overlay} {budget} selects no pods");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Autoscalers_target_the_app_deployments_on_cpu(string overlay)
    {
        var r = Rendering.Of(overlay);
        var targets = new List<string>();
        foreach (var hpa in r.OfKind("HorizontalPodAutoscaler"))
        {
            Assert.Equal("autoscaling/v2", hpa.ApiVersion);
            var target = hpa.Spec?["scaleTargetRef"];
            Assert.Equal("Deployment", KubeObject.Text(target?["kind"]));
            Assert.Equal("apps/v1", KubeObject.Text(target?["apiVersion"]));
            var deployment = r.Get("Deployment", KubeObject.Text(target?["name"]) ?? string.Empty);
            targets.Add(deployment.Name);

            var min = KubeObject.Integer(hpa.Spec?["minReplicas"]) ?? 1;
            var max = KubeObject.Integer(hpa.Spec?["maxReplicas"]) ?? 0;
            var replicas = KubeObject.Integer(deployment.Spec?["replicas"]) ?? 1;
            Assert.True(min >= 1 && min <= max, $"{overlay} {hpa}: minReplicas {min}, maxReplicas {max}");
            Assert.True(replicas >= min && replicas <= max, $"{overlay} {hpa}: Deployment replicas {replicas} outside [{min}, {max}]");

            var cpu = KubeObject.Objects(hpa.Spec?["metrics"])
                .Where(m => KubeObject.Text(m["type"]) == "Resource" && KubeObject.Text(m["resource"]?["name"]) == "cpu");
            Assert.True(cpu.Any(), $"{overlay} {hpa}: no CPU metric");

            // Utilization is measured against the CPU request, so every container must have one.
            Assert.All(deployment.Containers, c => Assert.NotNull(c["resources"]?["requests"]?["cpu"]));
        }

        Assert.Equal(["pacificedge-silo", "pacificedge-web"], targets.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Ingress_pins_signalr_clients_to_one_front_end(string overlay)
    {
        var r = Rendering.Of(overlay);
        var ingress = r.Get("Ingress", "pacificedge-web");
        var a = ingress.Annotations;
        const string prefix = "nginx.ingress.kubernetes.io/";
        Assert.Equal("nginx", KubeObject.Text(ingress.Spec?["ingressClassName"]));
        Assert.Equal("cookie", a.GetValueOrDefault(prefix + "affinity"));
        Assert.Equal("persistent", a.GetValueOrDefault(prefix + "affinity-mode"));
        Assert.False(string.IsNullOrWhiteSpace(a.GetValueOrDefault(prefix + "session-cookie-name")), "no session-cookie-name");
        foreach (var timeout in new[] { "proxy-read-timeout", "proxy-send-timeout" })
        {
            // WebSocket connections idle between messages; nginx's 60 s default would cut them.
            Assert.True(
                int.TryParse(a.GetValueOrDefault(prefix + timeout), out var seconds) && seconds >= 300,
                $"{overlay}: {timeout} must be at least 300 s for WebSockets");
        }

        var paths = KubeObject.Objects(ingress.Spec?["rules"]).SelectMany(rule => KubeObject.Objects(rule["http"]?["paths"])).ToList();
        Assert.NotEmpty(paths);
        foreach (var path in paths)
        {
            var service = r.Get("Service", KubeObject.Text(path["backend"]?["service"]?["name"]) ?? string.Empty);
            Assert.True(KubeObject.Selects(service.Spec?["selector"], r.WebDeployment.PodLabels), $"{overlay}: ingress backend {service} does not select the web pods");
            var port = path["backend"]?["service"]?["port"];
            var wanted = KubeObject.Text(port?["name"]) ?? KubeObject.Text(port?["number"]);
            Assert.Contains(
                KubeObject.Objects(service.Spec?["ports"]),
                p => KubeObject.Text(p["name"]) == wanted || KubeObject.Text(p["port"]) == wanted);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_image_is_pinned_to_a_tag(string overlay)
    {
        foreach (var workload in Rendering.Of(overlay).Workloads)
        {
            foreach (var container in workload.AllContainers)
            {
                var image = KubeObject.Text(container["image"]) ?? string.Empty;
                Assert.True(DockerfileLint.PinProblem(image) is null, $"{overlay} {workload}: image '{image}' {DockerfileLint.PinProblem(image)}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Pods_run_as_non_root_with_a_read_only_root_filesystem(string overlay)
    {
        foreach (var workload in Rendering.Of(overlay).Workloads)
        {
            var pod = workload.PodSpec["securityContext"];
            var volumes = KubeObject.Objects(workload.PodSpec["volumes"]);
            foreach (var container in workload.AllContainers)
            {
                var where = $"{overlay} {workload} container {KubeObject.Text(container["name"])}";
                var own = container["securityContext"];
                var nonRoot = KubeObject.Text(own?["runAsNonRoot"]) ?? KubeObject.Text(pod?["runAsNonRoot"]);
                Assert.True(nonRoot == "true", $"{where}: runAsNonRoot is not true");
                var user = KubeObject.Integer(own?["runAsUser"]) ?? KubeObject.Integer(pod?["runAsUser"]);
                Assert.True(user is not 0, $"{where}: runAsUser 0");
                Assert.True(KubeObject.Text(own?["allowPrivilegeEscalation"]) == "false", $"{where}: allowPrivilegeEscalation is not false");
                Assert.True(KubeObject.Text(own?["readOnlyRootFilesystem"]) == "true", $"{where}: readOnlyRootFilesystem is not true");
                Assert.Contains("ALL", KubeObject.Strings(own?["capabilities"]?["drop"]));

                // A read-only root needs a writable /tmp.
                var tmp = KubeObject.Objects(container["volumeMounts"]).SingleOrDefault(m => KubeObject.Text(m["mountPath"]) == "/tmp");
                Assert.True(tmp is not null, $"{where}: no volume mounted at /tmp");
                var volume = volumes.Single(v => KubeObject.Text(v["name"]) == KubeObject.Text(tmp!["name"]));
                Assert.True(volume.ContainsKey("emptyDir"), $"{where}: /tmp is not an emptyDir");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_container_declares_resources(string overlay)
    {
        foreach (var workload in Rendering.Of(overlay).Workloads)
        {
            foreach (var container in workload.AllContainers)
            {
                var where = $"{overlay} {workload} container {KubeObject.Text(container["name"])}";
                var resources = container["resources"];
                Assert.True(resources?["requests"]?["cpu"] is not null, $"{where}: no CPU request");
                Assert.True(resources?["requests"]?["memory"] is not null, $"{where}: no memory request");
                Assert.True(resources?["limits"]?["memory"] is not null, $"{where}: no memory limit");
                Assert.True(
                    Quantity.Bytes(KubeObject.Text(resources!["limits"]!["memory"])!) >= Quantity.Bytes(KubeObject.Text(resources["requests"]!["memory"])!),
                    $"{where}: memory limit below the request");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Silos_spread_over_nodes_and_have_a_headless_service(string overlay)
    {
        var r = Rendering.Of(overlay);
        var silo = r.SiloDeployment;
        var antiAffinity = silo.PodSpec["affinity"]?["podAntiAffinity"];
        var terms = KubeObject.Objects(antiAffinity?["preferredDuringSchedulingIgnoredDuringExecution"])
            .Select(t => t["podAffinityTerm"])
            .Concat(KubeObject.Objects(antiAffinity?["requiredDuringSchedulingIgnoredDuringExecution"]))
            .ToList();
        Assert.Contains(terms, t =>
            KubeObject.Text(t?["topologyKey"]) == "kubernetes.io/hostname" && KubeObject.Selects(t?["labelSelector"], silo.PodLabels));

        var service = r.Get("Service", "pacificedge-silo");
        Assert.Equal("None", KubeObject.Text(service.Spec?["clusterIP"]));
        Assert.True(KubeObject.Selects(service.Spec?["selector"], silo.PodLabels));
        foreach (var key in new[] { "Orleans__SiloPort", "Orleans__GatewayPort" })
        {
            var port = r.AppConfig(silo)[key];
            Assert.Contains(KubeObject.Objects(service.Spec?["ports"]), p => KubeObject.Text(p["port"]) == port);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Secret_references_name_the_template_secrets_and_keys(string overlay)
    {
        var templates = SecretTemplates.Load().ToDictionary(t => t.Name, t => t.Keys);
        foreach (var workload in Rendering.Of(overlay).Workloads)
        {
            foreach (var container in workload.AllContainers)
            {
                foreach (var source in KubeObject.Objects(container["envFrom"]))
                {
                    if (KubeObject.Text(source["secretRef"]?["name"]) is { } name)
                    {
                        Assert.True(templates.ContainsKey(name), $"{overlay} {workload}: Secret {name} has no template in deploy/k8s/secrets");
                    }
                }

                foreach (var env in KubeObject.Objects(container["env"]))
                {
                    if (env["valueFrom"]?["secretKeyRef"] is JsonObject reference)
                    {
                        var name = KubeObject.Text(reference["name"]) ?? string.Empty;
                        var key = KubeObject.Text(reference["key"]) ?? string.Empty;
                        Assert.True(templates.TryGetValue(name, out var keys) && keys.Contains(key), $"{overlay} {workload}: {name}/{key} is not in a template");
                    }
                }
            }
        }
    }

    internal static string? Env(JsonObject container, string name) =>
        KubeObject.Objects(container["env"]).Where(e => KubeObject.Text(e["name"]) == name).Select(e => KubeObject.Text(e["value"])).SingleOrDefault();

    internal static long ConfigPort(Rendering r, KubeObject workload, string key)
    {
        Assert.True(r.AppConfig(workload).TryGetValue(key, out var text), $"{r.Overlay}: ConfigMap has no {key}");
        return long.Parse(text!, System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static long? Port(JsonObject container, string name) =>
        KubeObject.Objects(container["ports"]).Where(p => KubeObject.Text(p["name"]) == name).Select(p => KubeObject.Integer(p["containerPort"])).SingleOrDefault();

    /// <summary>Seconds a preStop hook takes: exec "sleep N", the native sleep action, or 0 for anything else.</summary>
    private static double PreStopSeconds(JsonObject preStop)
    {
        if (KubeObject.Integer(preStop["sleep"]?["seconds"]) is { } seconds)
        {
            return seconds;
        }

        var command = KubeObject.Strings(preStop["exec"]?["command"]);
        var sleep = command.Select((word, i) => (word, i)).FirstOrDefault(w => w.word.EndsWith("sleep", StringComparison.Ordinal));
        return sleep.word is not null && sleep.i + 1 < command.Count
            && double.TryParse(command[sleep.i + 1], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 0;
    }
}
