using System.Diagnostics;
using System.Text;

namespace PacificEdge.Testing;

/// <summary>
/// Runs PostgreSQL's command-line programs and collects their output. PostgreSQL refuses to run as root, and our
/// machines (CI included) run as root, so in that case every server binary goes through
/// <c>runuser -u postgres -- binary ...</c>; the directories it touches must then belong to the postgres user.
/// </summary>
internal static class PostgresProcess
{
    /// <summary>The OS account the server runs as when the test process is root.</summary>
    public const string ServiceUser = "postgres";

    /// <summary>True when this process runs as root (Environment.UserName comes from geteuid on Unix).</summary>
    public static bool IsRoot { get; } = Environment.UserName == "root";

    /// <summary>Exit code plus stdout and stderr interleaved, for error messages.</summary>
    public sealed record Result(int ExitCode, string Output);

    /// <summary>Runs <paramref name="binary"/> (as the postgres user when root) and waits for it, within a timeout.</summary>
    public static Task<Result> RunServerBinaryAsync(
        string binary, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (file, args) = AsServiceUser(binary, arguments);
        return RunAsync(file, args, workingDirectory, timeout, cancellationToken);
    }

    /// <summary>Synchronous variant, for AppDomain.ProcessExit handlers where nothing can be awaited.</summary>
    public static Result RunServerBinary(string binary, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var (file, args) = AsServiceUser(binary, arguments);
        using var process = Start(file, args, workingDirectory, out var output);
        if (!process.WaitForExit(timeout))
        {
            TryKill(process);
            return new Result(-1, $"{file} did not finish within {timeout}.\n{Snapshot(output)}");
        }
        process.WaitForExit(); // lets the asynchronous output readers drain
        return new Result(process.ExitCode, Snapshot(output));
    }

    /// <summary>Runs any program as the current user (e.g. chown) and waits for it.</summary>
    public static async Task<Result> RunAsync(
        string file, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var process = Start(file, arguments, workingDirectory, out var output);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            TryKill(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout}.\n{Snapshot(output)}");
        }
        return new Result(process.ExitCode, Snapshot(output));
    }

    /// <summary>The full command line (program first) that runs a server binary as the right user.</summary>
    public static IReadOnlyList<string> ServerBinaryCommand(string binary, IEnumerable<string> arguments)
    {
        var (file, args) = AsServiceUser(binary, arguments);
        return [file, .. args];
    }

    private static (string File, IReadOnlyList<string> Arguments) AsServiceUser(string binary, IEnumerable<string> arguments)
    {
        if (!IsRoot)
        {
            return (binary, arguments.ToList());
        }
        var runuser = File.Exists("/usr/sbin/runuser") ? "/usr/sbin/runuser"
            : File.Exists("/sbin/runuser") ? "/sbin/runuser"
            : "runuser";
        return (runuser, new[] { "-u", ServiceUser, "--", binary }.Concat(arguments).ToList());
    }

    private static Process Start(string file, IReadOnlyList<string> arguments, string workingDirectory, out StringBuilder output)
    {
        var info = new ProcessStartInfo(file)
        {
            // The postgres user cannot read root's home; a working directory it can enter avoids getcwd warnings.
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        // Client-side variables from a developer's shell must not redirect our tools to another cluster.
        foreach (var name in new[] { "PGDATA", "PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGOPTIONS" })
        {
            info.Environment.Remove(name);
        }

        var buffer = new StringBuilder();
        var process = new Process { StartInfo = info };
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is null) return;
            lock (buffer) buffer.AppendLine(e.Data);
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        try
        {
            process.Start();
        }
        catch (Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start {file}: {ex.Message}", ex);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = buffer;
        return process;
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output) return output.ToString();
    }

    private static void TryKill(Process process)
    {
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* already gone */ }
    }
}
