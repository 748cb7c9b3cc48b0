namespace PacificEdge.Silo.Tests.Import;

/// <summary>The demo catalog's SKUs (what the store seeds with Commerce:Demo:Seed), for generated exports.</summary>
public static class ImportTestCatalog
{
    public static IReadOnlyList<string> Skus { get; } = ["PE-BPC157-5MG", "PE-TB500-5MG", "PE-GHKCU-50MG", "PE-SEMAX-10MG", "PE-NAD-500MG"];

    public static IReadOnlyDictionary<string, string> Names { get; } =
        Skus.ToDictionary(s => s, s => "Product " + s, StringComparer.OrdinalIgnoreCase);
}
