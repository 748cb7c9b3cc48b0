using System.Diagnostics;

namespace PacificEdge.Testing;

/// <summary>
/// Guarantees a throwaway cluster dies with the test process. <c>dotnet test</c> (VSTest) kills the test host a few
/// milliseconds after the last test, so ProcessExit handlers are cut short and cannot be relied on; a crash or
/// SIGKILL skips them entirely. A tiny detached shell (own session via <c>setsid -f</c>, so tree kills miss it) holds
/// the read end of a pipe whose write end only this process has; when this process ends for any reason the pipe
/// reaches end-of-file and the shell stops the server and deletes its directory.
/// </summary>
internal static class ClusterWatchdog
{
    private const string Script = """
        root="$1"; shift
        exec >/dev/null 2>&1
        cat
        if [ -f "$root/data/postmaster.pid" ]; then "$@"; fi
        rm -rf -- "$root"
        """;

    // Referenced for the life of the process: if a pipe were finalised, its cluster would be deleted under a test.
    private static readonly List<Process> Watchers = [];

    /// <summary>Starts a watcher for <paramref name="rootDirectory"/> that runs <paramref name="stopCommand"/> then deletes it.</summary>
    /// <returns>False when no watcher could be started (no setsid); the exit handler and the sweeper remain.</returns>
    public static bool Watch(string rootDirectory, IReadOnlyList<string> stopCommand)
    {
        var setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);
        if (setsid is null || !File.Exists("/bin/sh"))
        {
            return false;
        }
        var info = new ProcessStartInfo(setsid)
        {
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var argument in new[] { "-f", "/bin/sh", "-c", Script, "pacificedge-pg-watchdog", rootDirectory }.Concat(stopCommand))
        {
            info.ArgumentList.Add(argument);
        }
        try
        {
            var process = Process.Start(info);
            if (process is null)
            {
                return false;
            }
            lock (Watchers)
            {
                Watchers.Add(process);
            }
            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
