namespace PacificEdge.Deploy.Tests.Support;

/// <summary>Paths inside the repository the tests run from (found by walking up to PacificEdge.sln).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string Root => RootPath.Value;

    /// <summary>deploy/k8s.</summary>
    public static string K8s => Path.Combine(Root, "deploy", "k8s");

    /// <summary>deploy/k8s/overlays.</summary>
    public static string Overlays => Path.Combine(K8s, "overlays");

    /// <summary>deploy/docker.</summary>
    public static string Docker => Path.Combine(Root, "deploy", "docker");

    /// <summary>Names of the overlay directories (each holds a kustomization.yaml).</summary>
    public static IReadOnlyList<string> OverlayNames() =>
        Directory.GetDirectories(Overlays)
            .Where(d => File.Exists(Path.Combine(d, "kustomization.yaml")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PacificEdge.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"PacificEdge.sln not found above {AppContext.BaseDirectory}");
    }
}
