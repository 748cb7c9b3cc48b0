using PacificEdge.Deploy.Tests.Support;

namespace PacificEdge.Deploy.Tests;

/// <summary>What differs between the dev and prod overlays.</summary>
public sealed class EnvironmentOverlayTests
{
    [Fact]
    public void Prod_runs_at_least_three_silos()
    {
        var r = Rendering.Of("prod");
        Assert.True(KubeObject.Integer(r.SiloDeployment.Spec?["replicas"]) >= 3, "prod silo Deployment must have at least 3 replicas");
        Assert.True(KubeObject.Integer(r.Get("HorizontalPodAutoscaler", "pacificedge-silo").Spec?["minReplicas"]) >= 3, "prod silo HPA must keep at least 3");
    }

    [Fact]
    public void Dev_still_runs_several_silos()
    {
        // Fewer than prod, but cross-silo calls, failover and the PDB still mean something.
        Assert.True(KubeObject.Integer(Rendering.Of("dev").SiloDeployment.Spec?["replicas"]) >= 2);
    }

    [Fact]
    public void Prod_gives_the_processes_more_resources_than_dev()
    {
        var dev = Rendering.Of("dev");
        var prod = Rendering.Of("prod");
        foreach (var name in new[] { "pacificedge-silo", "pacificedge-web" })
        {
            var devResources = Assert.Single(dev.Get("Deployment", name).Containers)["resources"];
            var prodResources = Assert.Single(prod.Get("Deployment", name).Containers)["resources"];
            Assert.True(
                Quantity.Bytes(KubeObject.Text(prodResources?["limits"]?["memory"])!) > Quantity.Bytes(KubeObject.Text(devResources?["limits"]?["memory"])!),
                $"{name}: prod memory limit is not above dev's");
            Assert.True(
                Quantity.Cores(KubeObject.Text(prodResources?["requests"]?["cpu"])!) > Quantity.Cores(KubeObject.Text(devResources?["requests"]?["cpu"])!),
                $"{name}: prod CPU request is not above dev's");
        }
    }

    [Fact]
    public void Prod_uses_a_release_image_and_tls()
    {
        var prod = Rendering.Of("prod");
        var image = KubeObject.Text(Assert.Single(prod.SiloDeployment.Containers)["image"])!;
        Assert.Contains("/", image, StringComparison.Ordinal); // from a registry, not a locally loaded image
        Assert.NotEmpty(KubeObject.Objects(prod.Get("Ingress", "pacificedge-web").Spec?["tls"]));
        Assert.Equal("true", prod.Get("Ingress", "pacificedge-web").Annotations.GetValueOrDefault("nginx.ingress.kubernetes.io/session-cookie-secure"));
    }

    [Fact]
    public void Dev_postgres_is_a_stateful_set_behind_its_own_service_and_policy()
    {
        var r = Rendering.Of("dev");
        var postgres = r.Get("StatefulSet", "postgres");
        Assert.NotEmpty(KubeObject.Objects(postgres.Spec?["volumeClaimTemplates"]));
        var service = r.Get("Service", KubeObject.Text(postgres.Spec?["serviceName"])!);
        Assert.Equal("None", KubeObject.Text(service.Spec?["clusterIP"]));
        Assert.True(KubeObject.Selects(service.Spec?["selector"], postgres.PodLabels));

        // Only the application's pods may connect; with the namespace's default deny this is the only way in.
        var policy = Assert.Single(r.OfKind("NetworkPolicy"), p => KubeObject.Selects(p.Spec?["podSelector"], postgres.PodLabels) && p.Name != "pacificedge-default-deny");
        var peers = KubeObject.Objects(policy.Spec?["ingress"]).SelectMany(rule => KubeObject.Objects(rule["from"])).ToList();
        Assert.NotEmpty(peers);
        Assert.All(peers, peer => Assert.False(peer.ContainsKey("namespaceSelector") || peer.ContainsKey("ipBlock")));
        Assert.Contains(peers, peer => KubeObject.Selects(peer["podSelector"], r.SiloDeployment.PodLabels));
        Assert.Contains(peers, peer => KubeObject.Selects(peer["podSelector"], r.WebDeployment.PodLabels));
    }
}
