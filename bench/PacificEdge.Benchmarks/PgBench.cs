using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using PacificEdge.Testing;

namespace PacificEdge.Benchmarks;

/// <summary>PostgreSQL's own single-row UPDATE rate on the same cluster, the yardstick for grain state writes.</summary>
public static partial class PgBench
{
    public static async Task<double> SingleRowUpdateTpsAsync(PostgresServer server, string database, int clients, TimeSpan duration)
    {
        var pgbench = Path.Combine(server.BinDirectory, "pgbench");
        await RunAsync(pgbench, $"-i -s 1 -q -h {server.Host} -p {server.Port} -U postgres {database}");
        var script = Path.Combine(Path.GetTempPath(), $"pe-update-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(script, "\\set aid random(1, 100000)\nUPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid = :aid;\n");
        try
        {
            var output = await RunAsync(
                pgbench,
                $"-n -M prepared -c {clients} -j 2 -T {(int)duration.TotalSeconds} -f {script} -h {server.Host} -p {server.Port} -U postgres {database}");
            var match = TpsPattern().Match(output);
            return match.Success
                ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"Could not read tps from pgbench output:\n{output}");
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static async Task<string> RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"pgbench {arguments} failed:\n{output}");
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex TpsPattern();
}
