using System.Diagnostics;
using System.Globalization;

namespace PacificEdge.Benchmarks;

/// <summary>
/// CPU time of other processes from Linux's /proc (user + system, in milliseconds). Shared with the end-to-end
/// benchmark (linked source).
/// </summary>
public static class ProcessCpu
{
    private static readonly Lazy<double> MillisecondsPerTick = new(() =>
    {
        try
        {
            using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true })!;
            var text = getconf.StandardOutput.ReadToEnd();
            getconf.WaitForExit();
            return 1000.0 / double.Parse(text.Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception)
        {
            return 10.0; // USER_HZ is 100 on every mainstream Linux build
        }
    });

    /// <summary>User + system CPU of one process (all its threads), in ms; with children, also of its reaped children.</summary>
    public static double Milliseconds(int pid, bool withReapedChildren = false)
        => Stat(pid) is { } s ? (s.UTime + s.STime + (withReapedChildren ? s.CUTime + s.CSTime : 0)) * MillisecondsPerTick.Value : 0;

    /// <summary>
    /// CPU of a PostgreSQL server: the postmaster, its live children (backends, checkpointer, WAL writer, ...) and the
    /// children that exited already (the kernel adds them to the postmaster's reaped-children time).
    /// </summary>
    public static double PostgresMilliseconds(string dataDirectory)
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First().Trim(), CultureInfo.InvariantCulture);
        var total = Milliseconds(postmaster, withReapedChildren: true);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && Stat(pid) is { } s && s.ParentPid == postmaster)
            {
                total += (s.UTime + s.STime) * MillisecondsPerTick.Value;
            }
        }

        return total;
    }

    private static (int ParentPid, long UTime, long STime, long CUTime, long CSTime)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) state ppid ... utime stime cutime cstime ...": comm may hold spaces, so split after ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            long F(int field) => long.Parse(fields[field - 3], CultureInfo.InvariantCulture); // field numbers as in proc(5)
            return ((int)F(4), F(14), F(15), F(16), F(17));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
