using System.Collections.Concurrent;

namespace PacificEdge.Benchmarks.EndToEnd;

/// <summary>Latency samples per step, summarised as p50/p95/p99.</summary>
public sealed class StepTimer
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _samples = new();

    public void Record(string step, TimeSpan elapsed) => _samples.GetOrAdd(step, _ => []).Add(elapsed.TotalMilliseconds);

    public IEnumerable<(string Step, int Count, double P50, double P95, double P99)> Summary(params string[] order)
        => order.Where(_samples.ContainsKey).Select(step =>
        {
            var sorted = _samples[step].Order().ToArray();
            return (step, sorted.Length, At(sorted, 0.50), At(sorted, 0.95), At(sorted, 0.99));
        });

    private static double At(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
