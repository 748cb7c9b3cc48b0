using System.Globalization;
using PacificEdge.Testing;

namespace PacificEdge.Benchmarks;

/// <summary>
/// The one benchmark table (scripts/bench.sh): measurement, result, p50/p95/p99 ms, notes. Rows travel between the
/// benchmark programs as tab-separated lines.
/// </summary>
public static class BenchTable
{
    public static readonly string[] Header = ["measurement", "result", "p50 ms", "p95 ms", "p99 ms", "notes"];

    public static string[] Row(LatencyRecorder.Result r, string unit)
        => [r.Name, $"{r.PerSecond:N0} {unit}", Ms(r.P50Ms), Ms(r.P95Ms), Ms(r.P99Ms), r.Errors == 0 ? "" : $"{r.Errors} errors"];

    public static void Write(string path, IEnumerable<string[]> rows)
        => File.WriteAllLines(path, rows.Select(r => string.Join('\t', r.Select(c => c.Replace('\t', ' ')))));

    public static IEnumerable<string[]> Read(string path)
        => File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => l.Split('\t'))
            .Select(r => r.Length >= Header.Length ? r[..Header.Length] : [.. r, .. Enumerable.Repeat("", Header.Length - r.Length)]);

    public static void Print(IReadOnlyList<string[]> rows)
        => MarkdownTable.Print($"Pacific Edge benchmark - {Machine()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC", Header, rows);

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "F3" : "F1", CultureInfo.InvariantCulture);

    private static string Machine()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{Environment.ProcessorCount} cores{(model is null ? "" : $" ({model})")}, .NET {Environment.Version}";
    }
}
