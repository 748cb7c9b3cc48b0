namespace PacificEdge.Testing;

/// <summary>
/// Finds the directory holding initdb, pg_ctl and postgres. Debian keeps them off PATH under
/// /usr/lib/postgresql/VERSION/bin, so PATH alone is not enough; pg_config knows the right one when installed.
/// </summary>
internal static class PostgresBinaries
{
    /// <summary>Returns the bin directory or throws with install advice.</summary>
    public static async Task<string> LocateAsync(CancellationToken cancellationToken)
    {
        var fromPgConfig = await FromPgConfigAsync(cancellationToken).ConfigureAwait(false);
        foreach (var candidate in Candidates().Prepend(fromPgConfig))
        {
            if (candidate is not null && File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found via pg_config, /usr/lib/postgresql/*/bin or PATH. " +
            "Install them (Debian: apt-get install -y postgresql) or run scripts/test.sh, which does.");
    }

    private static IEnumerable<string?> Candidates()
    {
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(dir => (Dir: dir, Version: ParseVersion(Path.GetFileName(dir))))
                .Where(x => x.Version is not null)
                .OrderByDescending(x => x.Version)
                .Select(x => Path.Combine(x.Dir, "bin"));
            foreach (var dir in newest)
            {
                yield return dir;
            }
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var initdb = Path.Combine(dir, "initdb");
            if (File.Exists(initdb))
            {
                // /usr/local/bin/initdb may be a symlink into the real bin dir; pg_ctl must be found beside the target.
                var target = new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb;
                yield return Path.GetDirectoryName(target);
            }
        }
    }

    private static async Task<string?> FromPgConfigAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await PostgresProcess
                .RunAsync("pg_config", ["--bindir"], Path.GetTempPath(), TimeSpan.FromSeconds(10), cancellationToken)
                .ConfigureAwait(false);
            var dir = result.Output.Trim();
            return result.ExitCode == 0 && dir.Length > 0 ? dir : null;
        }
        catch (InvalidOperationException)
        {
            return null; // pg_config not installed
        }
    }

    private static Version? ParseVersion(string name) =>
        int.TryParse(name, out var major) ? new Version(major, 0)
        : Version.TryParse(name, out var version) ? version
        : null;
}
