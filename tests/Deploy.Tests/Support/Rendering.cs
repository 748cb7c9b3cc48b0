using System.Collections.Concurrent;
using System.Globalization;

namespace PacificEdge.Deploy.Tests.Support;

/// <summary>An overlay rendered by <c>kubectl kustomize</c>, parsed into objects.</summary>
public sealed class Rendering
{
    private static readonly ConcurrentDictionary<string, Lazy<Rendering>> Cache = new(StringComparer.Ordinal);

    private Rendering(string overlay, IReadOnlyList<KubeObject> objects)
    {
        Overlay = overlay;
        Objects = objects;
    }

    public string Overlay { get; }

    public IReadOnlyList<KubeObject> Objects { get; }

    /// <summary>Renders deploy/k8s/overlays/<paramref name="overlay"/> once per test run.</summary>
    public static Rendering Of(string overlay) =>
        Cache.GetOrAdd(overlay, name => new Lazy<Rendering>(() => RenderNow(name))).Value;

    public IEnumerable<KubeObject> OfKind(string kind) => Objects.Where(o => o.Kind == kind);

    public KubeObject Get(string kind, string name) =>
        Objects.SingleOrDefault(o => o.Kind == kind && o.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"overlay {Overlay}: no {kind}/{name} rendered");

    /// <summary>Objects that own pod templates.</summary>
    public IEnumerable<KubeObject> Workloads =>
        Objects.Where(o => o.Kind is "Deployment" or "StatefulSet" or "DaemonSet" or "Job" or "CronJob" or "ReplicaSet");

    /// <summary>Deployments running the application image (everything but third-party servers such as PostgreSQL).</summary>
    public IEnumerable<KubeObject> AppDeployments =>
        OfKind("Deployment").Where(d => d.PodLabels.GetValueOrDefault("app.kubernetes.io/name") == "pacificedge");

    public KubeObject SiloDeployment => Get("Deployment", "pacificedge-silo");

    public KubeObject WebDeployment => Get("Deployment", "pacificedge-web");

    /// <summary>The data of the ConfigMap a workload's containers load with envFrom (there must be exactly one).</summary>
    public IReadOnlyDictionary<string, string> AppConfig(KubeObject workload)
    {
        var names = workload.AllContainers
            .SelectMany(c => KubeObject.Objects(c["envFrom"]))
            .Select(e => KubeObject.Text(e["configMapRef"]?["name"]))
            .OfType<string>()
            .Distinct()
            .ToList();
        Assert.True(names.Count == 1, $"{Overlay} {workload}: expected one envFrom ConfigMap, found [{string.Join(", ", names)}]");
        return KubeObject.Map(Get("ConfigMap", names[0]).Json["data"]);
    }

    /// <summary>A duration setting (TimeSpan syntax, as .NET configuration binds it) from the app ConfigMap.</summary>
    public TimeSpan ConfigDuration(KubeObject workload, string key)
    {
        var config = AppConfig(workload);
        Assert.True(config.TryGetValue(key, out var text), $"{Overlay}: ConfigMap has no {key}");
        return TimeSpan.Parse(text!, CultureInfo.InvariantCulture);
    }

    private static Rendering RenderNow(string overlay)
    {
        var directory = Path.Combine(RepoPaths.Overlays, overlay);
        var result = ProcessRunner.TryRun("kubectl", ["kustomize", directory], TimeSpan.FromMinutes(2))
            ?? throw new InvalidOperationException(
                "kubectl is not on PATH. scripts/test.sh installs it; it is needed to render the Kustomize overlays.");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"kubectl kustomize {directory} failed (exit {result.ExitCode}). The manifests need kubectl 1.21+ " +
                $"(kustomize v4+).{Environment.NewLine}{result.StandardError}");
        }

        return new Rendering(overlay, YamlDocuments.Parse(result.StandardOutput).Select(j => new KubeObject(j)).ToList());
    }
}
