using System.Diagnostics;

namespace PacificEdge.Benchmarks;

/// <summary>Runs workers in a closed loop for a fixed time and records each operation's latency.</summary>
public static class LatencyRecorder
{
    public sealed record Result(string Name, long Operations, TimeSpan Elapsed, double P50Ms, double P95Ms, double P99Ms, long Errors)
    {
        public double PerSecond => Operations / Elapsed.TotalSeconds;
    }

    /// <param name="fair">
    /// Each caller goes to the back of the thread pool queue before its next call. In-silo calls complete their
    /// caller's continuation inline, so without this a few callers take turns in a hot loop while the others wait for
    /// seconds: the rate would be that of a handful of callers, not of <paramref name="workers"/> concurrent ones.
    /// </param>
    public static async Task<Result> RunAsync(string name, int workers, TimeSpan duration, Func<int, Task> operation, bool fair = false)
    {
        // Warm-up: JIT, connection pools, activations.
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => operation(w)));

        var samples = new List<long>[workers];
        var errors = 0L;
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mine = samples[w] = new List<long>(1 << 16);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                if (fair)
                {
                    await Task.Yield();
                }

                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    await operation(w);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref errors);
                }

                mine.Add(Stopwatch.GetTimestamp() - t0);
            }
        })));

        var elapsed = Stopwatch.GetElapsedTime(started);
        var all = samples.SelectMany(s => s).Order().ToArray();
        return new Result(name, all.Length, elapsed, Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99), errors);
    }

    private static double Percentile(long[] sorted, double p)
        => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))] * 1000.0 / Stopwatch.Frequency;
}
