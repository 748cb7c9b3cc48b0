using System.Globalization;

namespace PacificEdge.Deploy.Tests.Support;

/// <summary>Kubernetes resource quantities ("512Mi", "2Gi", "1", "500m").</summary>
public static class Quantity
{
    private static readonly (string Suffix, double Factor)[] Suffixes =
    [
        ("Ki", 1024d), ("Mi", Math.Pow(1024, 2)), ("Gi", Math.Pow(1024, 3)), ("Ti", Math.Pow(1024, 4)),
        ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("m", 1e-3),
    ];

    /// <summary>The quantity as a plain number (bytes for memory, cores for CPU).</summary>
    public static double Value(string text)
    {
        foreach (var (suffix, factor) in Suffixes)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal))
            {
                return double.Parse(text[..^suffix.Length], CultureInfo.InvariantCulture) * factor;
            }
        }

        return double.Parse(text, CultureInfo.InvariantCulture);
    }

    public static double Bytes(string text) => Value(text);

    public static double Cores(string text) => Value(text);
}
