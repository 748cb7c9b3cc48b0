using System.Text.Json.Nodes;
using PacificEdge.Deploy.Tests.Support;

namespace PacificEdge.Deploy.Tests;

/// <summary>The prod overlay's daily database backup (issue 11): a CronJob running scripts/backup.sh onto a PVC.</summary>
public sealed class BackupCronJobTests
{
    private static readonly Rendering Prod = Rendering.Of("prod");

    private static KubeObject CronJob => Prod.Get("CronJob", "pacificedge-backup");

    private static JsonObject Container => Assert.Single(CronJob.Containers);

    [Fact]
    public void Runs_once_a_day_never_twice_at_once()
    {
        var spec = CronJob.Spec!;
        var fields = (KubeObject.Text(spec["schedule"]) ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, fields.Length);
        Assert.True(int.TryParse(fields[0], out var minute) && minute is >= 0 and < 60, $"minute field '{fields[0]}' is not one fixed minute");
        Assert.True(int.TryParse(fields[1], out var hour) && hour is >= 0 and < 24, $"hour field '{fields[1]}' is not one fixed hour");
        Assert.Equal(["*", "*", "*"], fields[2..]);
        Assert.False(string.IsNullOrEmpty(KubeObject.Text(spec["timeZone"])), "the schedule needs an explicit timeZone");
        Assert.Equal("Forbid", KubeObject.Text(spec["concurrencyPolicy"]));
        Assert.Equal("Never", KubeObject.Text(CronJob.PodSpec["restartPolicy"]));
        Assert.True(KubeObject.Integer(spec["jobTemplate"]?["spec"]?["activeDeadlineSeconds"]) > 0, "a hung dump must be cut off (activeDeadlineSeconds)");
    }

    [Fact]
    public void Runs_the_backup_script_with_a_retention_into_the_pvc()
    {
        var command = KubeObject.Strings(Container["command"]).Concat(KubeObject.Strings(Container["args"])).ToList();
        Assert.Contains(command, c => c.EndsWith("/backup.sh", StringComparison.Ordinal));
        var keep = command.IndexOf("--keep-days");
        Assert.True(keep >= 0 && int.TryParse(command[keep + 1], out var days) && days >= 7, $"no retention of at least 7 days in [{string.Join(" ", command)}]");
        var dirIndex = command.IndexOf("--dir");
        Assert.True(dirIndex >= 0, "no --dir");
        var dir = command[dirIndex + 1];

        // --dir is the mount point of the PVC, and the PVC is part of the overlay.
        var mount = KubeObject.Objects(Container["volumeMounts"]).SingleOrDefault(m => KubeObject.Text(m["mountPath"]) == dir);
        Assert.True(mount is not null, $"nothing is mounted at the backup directory {dir}");
        Assert.NotEqual("true", KubeObject.Text(mount!["readOnly"]));
        var volume = KubeObject.Objects(CronJob.PodSpec["volumes"]).Single(v => KubeObject.Text(v["name"]) == KubeObject.Text(mount["name"]));
        var claim = KubeObject.Text(volume["persistentVolumeClaim"]?["claimName"]);
        Assert.True(claim is not null, $"{dir} is not a PersistentVolumeClaim");
        var pvc = Prod.Get("PersistentVolumeClaim", claim!);
        Assert.True(Quantity.Bytes(KubeObject.Text(pvc.Spec?["resources"]?["requests"]?["storage"])!) >= Quantity.Bytes("1Gi"));
    }

    [Fact]
    public void Script_in_the_config_map_is_the_repository_script()
    {
        var scriptVolume = KubeObject.Objects(CronJob.PodSpec["volumes"]).Single(v => v["configMap"] is not null);
        var configMap = Prod.Get("ConfigMap", KubeObject.Text(scriptVolume["configMap"]?["name"])!);
        var data = KubeObject.Map(configMap.Json["data"]);
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "scripts", "backup.sh")), data["backup.sh"]);
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "scripts", "lib", "pgconn.sh")), data["pgconn.sh"]);

        // backup.sh sources lib/pgconn.sh beside itself.
        var items = KubeObject.Objects(scriptVolume["configMap"]?["items"]).ToDictionary(i => KubeObject.Text(i["key"])!, i => KubeObject.Text(i["path"])!);
        Assert.Equal("backup.sh", items["backup.sh"]);
        Assert.Equal("lib/pgconn.sh", items["pgconn.sh"]);
        var mountPath = KubeObject.Objects(Container["volumeMounts"]).Single(m => KubeObject.Text(m["name"]) == KubeObject.Text(scriptVolume["name"]))["mountPath"];
        Assert.Contains($"{KubeObject.Text(mountPath)}/backup.sh", KubeObject.Strings(Container["command"]));
    }

    [Fact]
    public void Database_credentials_come_from_the_existing_secret_only()
    {
        var env = KubeObject.Objects(Container["env"]);
        var db = env.Single(e => KubeObject.Text(e["name"]) == "PACIFICEDGE_DB");
        Assert.Null(db["value"]);
        Assert.Equal("pacificedge-secrets", KubeObject.Text(db["valueFrom"]?["secretKeyRef"]?["name"]));
        Assert.Equal("PACIFICEDGE_DB", KubeObject.Text(db["valueFrom"]?["secretKeyRef"]?["key"]));
        Assert.Contains("PACIFICEDGE_DB", SecretTemplates.Load().Single(t => t.Name == "pacificedge-secrets").Keys);

        // Not the whole Secret (envFrom), and no inline credential anywhere in the job.
        Assert.Empty(KubeObject.Objects(Container["envFrom"]));
        foreach (var variable in env.Where(e => e["value"] is not null))
        {
            var name = KubeObject.Text(variable["name"])!;
            var value = KubeObject.Text(variable["value"])!;
            Assert.False(name.Contains("PASS", StringComparison.OrdinalIgnoreCase) || name.StartsWith("PG", StringComparison.Ordinal)
                || value.Contains("Password=", StringComparison.OrdinalIgnoreCase), $"inline setting {name}");
        }

        var args = string.Join(" ", KubeObject.Strings(Container["command"]).Concat(KubeObject.Strings(Container["args"])));
        Assert.DoesNotContain("--db", args, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", args, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Prod.OfKind("Secret"));
    }

    [Fact]
    public void Runs_locked_down_like_the_other_pods()
    {
        var pod = CronJob.PodSpec;
        Assert.Equal("true", KubeObject.Text(pod["securityContext"]?["runAsNonRoot"]));
        Assert.NotEqual(0, KubeObject.Integer(pod["securityContext"]?["runAsUser"]));
        Assert.NotNull(KubeObject.Integer(pod["securityContext"]?["fsGroup"]));
        Assert.Equal("RuntimeDefault", KubeObject.Text(pod["securityContext"]?["seccompProfile"]?["type"]));
        Assert.Equal("false", KubeObject.Text(pod["automountServiceAccountToken"]));

        var own = Container["securityContext"];
        Assert.Equal("false", KubeObject.Text(own?["allowPrivilegeEscalation"]));
        Assert.Equal("true", KubeObject.Text(own?["readOnlyRootFilesystem"]));
        Assert.Contains("ALL", KubeObject.Strings(own?["capabilities"]?["drop"]));

        var resources = Container["resources"];
        Assert.NotNull(resources?["requests"]?["cpu"]);
        Assert.NotNull(resources?["requests"]?["memory"]);
        Assert.NotNull(resources?["limits"]?["memory"]);

        var image = KubeObject.Text(Container["image"])!;
        Assert.True(DockerfileLint.PinProblem(image) is null, $"image '{image}' {DockerfileLint.PinProblem(image)}");
        Assert.StartsWith("postgres:", image, StringComparison.Ordinal);
    }

    [Fact]
    public void May_reach_postgres_and_dns_and_nothing_else()
    {
        var policies = Prod.OfKind("NetworkPolicy").Where(p => KubeObject.Selects(p.Spec?["podSelector"], CronJob.PodLabels)).ToList();
        Assert.Contains(policies, p => p.Name == "pacificedge-default-deny");
        var egress = policies.SelectMany(p => KubeObject.Objects(p.Spec?["egress"])).ToList();
        var ports = egress.SelectMany(rule => KubeObject.Objects(rule["ports"])).Select(p => KubeObject.Integer(p["port"])).ToHashSet();
        Assert.All(egress, rule => Assert.NotEmpty(KubeObject.Objects(rule["ports"])));
        Assert.Contains(5432L, ports);
        Assert.Contains(53L, ports);
        Assert.Subset(new HashSet<long?> { 5432, 53 }, ports);
        Assert.Empty(policies.SelectMany(p => KubeObject.Objects(p.Spec?["ingress"])));

        // Only prod has the job: dev's in-cluster database is throwaway.
        Assert.Empty(Rendering.Of("dev").OfKind("CronJob"));
    }
}
