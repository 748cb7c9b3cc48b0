using System.Diagnostics;

namespace PacificEdge.Benchmarks.EndToEnd;

/// <summary>The real co-hosted process (src/Silo, Release build), started for the benchmark and stopped after.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<SiloProcess> StartAsync(string repoRoot, string connectionString, int port, IDictionary<string, string> settings)
    {
        var dll = Path.Combine(repoRoot, "src", "Silo", "bin", "Release", "net10.0", "PacificEdge.Silo.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { dll, "cohosted", "--urls", $"http://127.0.0.1:{port}", "--seed-demo" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PACIFICEDGE_DB"] = connectionString;
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[silo] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var silo = new SiloProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode && (await http.GetStringAsync("/api/catalog")).Contains("PE-"))
                {
                    return silo;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        await silo.DisposeAsync();
        throw new InvalidOperationException("The silo process did not become ready.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
