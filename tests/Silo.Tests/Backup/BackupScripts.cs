using System.Diagnostics;

namespace PacificEdge.Silo.Tests.Backup;

/// <summary>Runs scripts/backup.sh and scripts/restore.sh as an operator does: bash, a child process, output captured.</summary>
public static class BackupScripts
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PacificEdge.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"PacificEdge.sln not found above {AppContext.BaseDirectory}");
    });

    /// <summary>What a script run left: exit code, stdout (the backup path for backup.sh), stderr (its log), time taken.</summary>
    public sealed record Result(int ExitCode, string Output, string Error, TimeSpan Elapsed)
    {
        public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:F1} s{Environment.NewLine}stdout: {Output}{Environment.NewLine}stderr: {Error}";
    }

    public static Task<Result> BackupAsync(string connectionString, string directory, params string[] extra)
        => RunAsync("backup.sh", ["--dir", directory, .. extra], connectionString);

    public static Task<Result> RestoreAsync(string file, string targetConnectionString, params string[] extra)
        => RunAsync("restore.sh", [file, "--db", targetConnectionString, .. extra], connectionString: null);

    /// <summary>Runs scripts/<paramref name="script"/> with bash; PACIFICEDGE_DB is <paramref name="connectionString"/> (or unset).</summary>
    public static async Task<Result> RunAsync(string script, IReadOnlyList<string> arguments, string? connectionString)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Root.Value,
        };
        start.ArgumentList.Add(Path.Combine(Root.Value, "scripts", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("PACIFICEDGE_DB");
        if (connectionString is not null)
        {
            start.Environment["PACIFICEDGE_DB"] = connectionString;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start bash {script}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish within 3 minutes: {await error}");
        }

        return new Result(process.ExitCode, (await output).Trim(), (await error).Trim(), clock.Elapsed);
    }
}
