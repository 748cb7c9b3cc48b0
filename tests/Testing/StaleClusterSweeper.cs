namespace PacificEdge.Testing;

/// <summary>
/// Removes clusters left behind by test processes that died without running their exit handlers (killed by a hang
/// timeout, SIGKILL, a crashed debugger). Each cluster directory records its owner's process id; a directory whose
/// owner is gone has its server stopped and is deleted, so repeated CI runs on one machine do not pile up servers.
/// </summary>
internal static class StaleClusterSweeper
{
    /// <summary>Prefix of every throwaway cluster directory.</summary>
    public const string DirectoryPrefix = "pacificedge-pg-";

    /// <summary>File inside a cluster directory holding the owning process id.</summary>
    public const string OwnerFile = "owner.pid";

    private static readonly TimeSpan UnownedGrace = TimeSpan.FromMinutes(10);
    private static int swept;

    /// <summary>Sweeps <paramref name="parent"/> once per process; later calls return at once. Never throws.</summary>
    public static async Task SweepOnceAsync(string parent, string binDirectory, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref swept, 1) == 1)
        {
            return;
        }
        string[] candidates;
        try
        {
            candidates = Directory.GetDirectories(parent, DirectoryPrefix + "*");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var dir in candidates)
        {
            try
            {
                if (!IsOrphan(dir))
                {
                    continue;
                }
                var data = Path.Combine(dir, "data");
                if (File.Exists(Path.Combine(data, "postmaster.pid")))
                {
                    await PostgresProcess.RunServerBinaryAsync(
                        Path.Combine(binDirectory, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "-t", "20", "stop"],
                        parent, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
                }
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException)
            {
                // Best effort: someone else's directory or a race with another sweeper.
            }
        }
    }

    private static bool IsOrphan(string dir)
    {
        var ownerFile = Path.Combine(dir, OwnerFile);
        if (!File.Exists(ownerFile))
        {
            // Possibly being created right now by another process; only old unowned directories are stale.
            return DateTime.UtcNow - Directory.GetLastWriteTimeUtc(dir) > UnownedGrace;
        }
        return int.TryParse(File.ReadAllText(ownerFile).Trim(), out var pid) && pid != Environment.ProcessId && !IsAlive(pid);
    }

    private static bool IsAlive(int pid)
    {
        if (Directory.Exists("/proc/self"))
        {
            return Directory.Exists($"/proc/{pid}");
        }
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
