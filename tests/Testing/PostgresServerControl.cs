using System.Globalization;

namespace PacificEdge.Testing;

/// <summary>
/// Stops and starts a throwaway <see cref="PostgresServer"/> in place (same data directory, same port), to test what
/// clients do while the database is down. Use it only on a server of your own (<see cref="PostgresServer.StartAsync"/>),
/// never on <see cref="SharedPostgres"/>: other test classes use that one at the same time.
/// </summary>
public static class PostgresServerControl
{
    /// <summary><c>pg_ctl stop -m fast</c>: open sessions are terminated, as in a database restart or fail-over.</summary>
    public static async Task StopAsync(this PostgresServer server, CancellationToken cancellationToken = default)
    {
        var result = await PostgresProcess.RunServerBinaryAsync(
            Path.Combine(server.BinDirectory, "pg_ctl"), ["-D", server.DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"],
            server.RootDirectory, TimeSpan.FromSeconds(75), cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl stop failed (exit {result.ExitCode}):\n{result.Output}");
        }
    }

    /// <summary>Starts the stopped server again on its port; returns when it accepts connections.</summary>
    public static async Task StartAgainAsync(this PostgresServer server, CancellationToken cancellationToken = default)
    {
        var timeout = (int)server.Options.StartTimeout.TotalSeconds;
        var result = await PostgresProcess.RunServerBinaryAsync(
            Path.Combine(server.BinDirectory, "pg_ctl"),
            ["-D", server.DataDirectory, "-l", server.LogFile, "-w", "-t", timeout.ToString(CultureInfo.InvariantCulture),
             "-o", $"-p {server.Port.ToString(CultureInfo.InvariantCulture)}", "start"],
            server.RootDirectory, server.Options.StartTimeout + TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl start failed (exit {result.ExitCode}):\n{result.Output}");
        }
    }

    /// <summary>True while the server's postmaster.pid exists (started and not stopped).</summary>
    public static bool IsRunning(this PostgresServer server) => File.Exists(Path.Combine(server.DataDirectory, "postmaster.pid"));
}
