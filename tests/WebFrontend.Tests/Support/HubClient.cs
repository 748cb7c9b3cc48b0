using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace PacificEdge.WebFrontend.Tests.Support;

/// <summary>Runs js/hub-client.cjs (the real JavaScript SignalR client under Node) and exposes its output lines.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<JsonElement> _lines = Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> _seen = [];

    private HubClient(Process process)
    {
        _process = process;
        _ = PumpAsync();
    }

    public static HubClient Start(Uri hubUrl, string cookieHeader, string? method = null, params object?[] args)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "js", "hub-client.cjs"));
        start.ArgumentList.Add(hubUrl.ToString());
        start.ArgumentList.Add(string.IsNullOrEmpty(cookieHeader) ? "-" : cookieHeader);
        start.ArgumentList.Add(method ?? "-");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(JsonSerializer.Serialize(arg));
        }

        start.Environment["NODE_PATH"] = Path.Combine(RepoRoot(), "src", "WebFrontend", "node_modules");
        return new HubClient(Process.Start(start)!);
    }

    /// <summary>Every output line so far, oldest first.</summary>
    public IReadOnlyList<JsonElement> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    /// <summary>The first output line (already seen or future) that matches, within the timeout.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, string what, TimeSpan? timeout = null)
    {
        lock (_seen)
        {
            foreach (var line in _seen.Where(match))
            {
                return line;
            }
        }

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(cts.Token);
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            string seen;
            lock (_seen)
            {
                seen = string.Join("\n", _seen);
            }

            throw new TimeoutException($"The JavaScript client never printed: {what}. Output:\n{seen}\n{await _process.StandardError.ReadToEndAsync()}");
        }
    }

    public static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PacificEdge.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (PacificEdge.sln).");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await _process.StandardInput.WriteLineAsync("quit");
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (Exception)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private async Task PumpAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } text)
        {
            try
            {
                var line = JsonDocument.Parse(text).RootElement.Clone();
                lock (_seen)
                {
                    _seen.Add(line);
                }

                await _lines.Writer.WriteAsync(line);
            }
            catch (JsonException)
            {
                // not one of ours
            }
        }

        _lines.Writer.TryComplete();
    }
}
