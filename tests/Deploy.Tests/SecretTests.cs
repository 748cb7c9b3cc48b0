using System.Text.RegularExpressions;
using PacificEdge.Deploy.Tests.Support;

namespace PacificEdge.Deploy.Tests;

/// <summary>Secret templates hold placeholders only, are never applied, and nothing under deploy/ holds a credential.</summary>
public sealed partial class SecretTests
{
    [Fact]
    public void Templates_hold_placeholders_only()
    {
        var templates = SecretTemplates.Load();
        Assert.NotEmpty(templates);
        foreach (var template in templates)
        {
            Assert.Equal("Secret", KubeObject.Text(template.Json["kind"]));
            // stringData only: base64 "data" would hide what is in the file from a reviewer.
            Assert.True(template.Json["data"] is null, $"{template.File}: use stringData, not data");
            Assert.NotEmpty(template.StringData);
            var problems = template.StringData.SelectMany(kv => SecretHeuristics.TemplateValueProblems(kv.Key, kv.Value)).ToList();
            Assert.True(problems.Count == 0, $"{template.File}: {string.Join("; ", problems)}");
        }
    }

    [Fact]
    public void App_template_lists_every_secret_the_application_reads()
    {
        var app = SecretTemplates.Load().Single(t => t.Name == "pacificedge-secrets");
        Assert.Subset(
            app.Keys.ToHashSet(),
            new HashSet<string>
            {
                "PACIFICEDGE_DB",
                "Commerce__Payments__Sandbox__WebhookSecret",
                "Commerce__Shipping__ApiKey",
                "Commerce__Shipping__ApiSecret",
                "Commerce__Email__Smtp__Password",
                "Commerce__Email__UnsubscribeKey",
                "Frontend__KeyRingSecret",
            });
    }

    [Fact]
    public void No_kustomization_includes_the_templates()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.K8s, "kustomization.yaml", SearchOption.AllDirectories))
        {
            var kustomization = Assert.Single(YamlDocuments.ParseFile(file));
            var references = Strings(kustomization).ToList();
            Assert.False(
                references.Any(s => s.Contains("secrets/", StringComparison.Ordinal) || s.Contains(".template.", StringComparison.Ordinal)),
                $"{file} references the Secret templates: an apply would overwrite the real Secrets with placeholders");
            Assert.False(kustomization.ContainsKey("secretGenerator"), $"{file}: secretGenerator would put secret values in the repository");
        }
    }

    private static IEnumerable<string> Strings(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject obj => obj.SelectMany(p => Strings(p.Value)),
        System.Text.Json.Nodes.JsonArray array => array.SelectMany(Strings),
        null => [],
        _ => [KubeObject.Text(node) ?? string.Empty],
    };

    [Fact]
    public void No_file_under_deploy_holds_a_credential()
    {
        var deploy = Path.Combine(RepoPaths.Root, "deploy");
        var problems = new List<string>();
        foreach (var file in Directory.GetFiles(deploy, "*", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (KnownCredential().IsMatch(line) || AssignedCredential().IsMatch(line))
                {
                    problems.Add($"{Path.GetRelativePath(RepoPaths.Root, file)}:{i + 1}: {line.Trim()}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [InlineData("REPLACE_ME", true)]
    [InlineData("Host=REPLACE_ME;Port=5432;Database=pacificedge;Username=REPLACE_ME;Password=REPLACE_ME", true)]
    [InlineData("Host=db;Username=app;Password=hunter2hunter2", false)]
    [InlineData("whsec_REPLACE_ME", false)]
    [InlineData("REPLACE_ME 9f8e7d6c5b4a39281706f5e4d3c2b1a0", false)]
    [InlineData("s3cr3t-v4lue", false)]
    public void Placeholder_check_tells_placeholders_from_secrets(string value, bool acceptable) =>
        Assert.Equal(acceptable, !SecretHeuristics.TemplateValueProblems("key", value).Any());

    [GeneratedRegex(@"sk_live_|rk_live_|whsec_[A-Za-z0-9]{8}|AKIA[A-Z0-9]{12}|ghp_[A-Za-z0-9]{20}|-----BEGIN [A-Z ]*PRIVATE KEY")]
    private static partial Regex KnownCredential();

    // A credential-named setting assigned a literal other than the placeholder ("Password=abc...", "apiKey: xyz...").
    [GeneratedRegex(@"(?i)(password|passwd|secret|api_?key|token)\s*[=:]\s*[""']?(?!REPLACE_ME)[^\s""';,)]{8,}")]
    private static partial Regex AssignedCredential();
}
