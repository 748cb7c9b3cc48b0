using System.Collections.Concurrent;
using System.Diagnostics;

namespace PacificEdge.Benchmarks.EndToEnd;

/// <summary>Time from POSTing the payment webhook to the JavaScript SignalR client receiving "Paid" for that order.</summary>
public static class PushLatency
{
    public static async Task<double[]> MeasureAsync(string repoRoot, Uri baseAddress, StoreClient store, IReadOnlyList<string> skus, int samples)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "push-client.cjs"));
        start.ArgumentList.Add(new Uri(baseAddress, "/hubs/orders").ToString());
        start.Environment["NODE_PATH"] = Path.Combine(repoRoot, "src", "WebFrontend", "node_modules");
        using var node = Process.Start(start)!;
        var lines = new BlockingCollection<string>();
        _ = Task.Run(async () =>
        {
            while (await node.StandardOutput.ReadLineAsync() is { } line)
            {
                lines.Add(line);
            }

            lines.CompleteAdding();
        });
        Expect(lines, "ready");

        var latencies = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var (orderId, token, total) = await store.CheckoutAsync(skus[i % skus.Count]);
            await node.StandardInput.WriteLineAsync($"{orderId} {token}");
            Expect(lines, $"followed {orderId}");
            var sentAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + (DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerMillisecond) / (double)TimeSpan.TicksPerMillisecond;
            await store.PayAsync(orderId, total);
            var paid = Expect(lines, $"paid {orderId} ");
            latencies.Add(double.Parse(paid.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture) - sentAt);
        }

        await node.StandardInput.WriteLineAsync("quit");
        await node.WaitForExitAsync();
        return [.. latencies.Order()];
    }

    private static string Expect(BlockingCollection<string> lines, string prefix)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var line = lines.Take(timeout.Token);
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }

            if (line.StartsWith("failed", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The push client failed: {line}");
            }
        }
    }
}
