using System.Text.Json.Nodes;

namespace PacificEdge.Deploy.Tests.Support;

/// <summary>The Secret templates in deploy/k8s/secrets (*.template.yaml): never applied, filled in out of band.</summary>
public sealed record SecretTemplate(string File, string Name, JsonObject Json)
{
    public IReadOnlyDictionary<string, string> StringData => KubeObject.Map(Json["stringData"]);

    public IReadOnlySet<string> Keys => StringData.Keys.ToHashSet(StringComparer.Ordinal);
}

public static class SecretTemplates
{
    public static string Directory => Path.Combine(RepoPaths.K8s, "secrets");

    public static IReadOnlyList<SecretTemplate> Load() =>
        System.IO.Directory.GetFiles(Directory, "*.template.yaml")
            .Order(StringComparer.Ordinal)
            .SelectMany(file => YamlDocuments.ParseFile(file).Select(json =>
                new SecretTemplate(Path.GetFileName(file), KubeObject.Text(json["metadata"]?["name"]) ?? string.Empty, json)))
            .ToList();
}
