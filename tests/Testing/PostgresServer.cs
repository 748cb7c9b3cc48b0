using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace PacificEdge.Testing;

/// <summary>
/// A private, throwaway PostgreSQL cluster for tests and benchmarks. The project's guarantees (conditional writes,
/// durable reminders, membership) are about real PostgreSQL behaviour, so tests run against the real server, not a
/// fake; there is no Docker here, so the cluster is made with the machine's own initdb/pg_ctl in a temp directory,
/// listens on 127.0.0.1 only on a free port, and is stopped and deleted on dispose. Trust authentication is safe
/// because nothing but this machine can reach it and it lives only as long as the test run.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    private const string SuperUser = "postgres";
    private const int MaxPortAttempts = 5;
    private int disposed;

    private PostgresServer(string binDirectory, string rootDirectory, int port, PostgresServerOptions options)
    {
        BinDirectory = binDirectory;
        RootDirectory = rootDirectory;
        Port = port;
        Options = options;
    }

    /// <summary>Address the server listens on (loopback only).</summary>
    public string Host => "127.0.0.1";

    /// <summary>TCP port the server listens on.</summary>
    public int Port { get; }

    /// <summary>Directory holding initdb, pg_ctl, postgres, psql, pgbench.</summary>
    public string BinDirectory { get; }

    /// <summary>Temp directory owning everything of this cluster (data, socket, log); deleted on dispose.</summary>
    public string RootDirectory { get; }

    /// <summary>The cluster's data directory (PGDATA).</summary>
    public string DataDirectory => Path.Combine(RootDirectory, "data");

    /// <summary>Directory of the Unix-domain socket (inside <see cref="RootDirectory"/>, so clusters never clash).</summary>
    public string SocketDirectory => Path.Combine(RootDirectory, "sock");

    /// <summary>The server log, quoted in start-up errors.</summary>
    public string LogFile => Path.Combine(RootDirectory, "server.log");

    /// <summary>The options the server was started with.</summary>
    public PostgresServerOptions Options { get; }

    /// <summary>Superuser connection to the maintenance database <c>postgres</c>.</summary>
    public string AdminConnectionString => ConnectionStringFor("postgres");

    /// <summary>Superuser connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionStringFor(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Username = SuperUser,
            Database = database,
            // Tests assert on PostgreSQL errors; the detail (e.g. the conflicting key) makes failures readable.
            IncludeErrorDetail = true,
        };
        return builder.ConnectionString;
    }

    /// <summary>
    /// Creates a fresh cluster and starts it. Throws <see cref="InvalidOperationException"/> carrying the server log
    /// tail when initdb or the start fails, so a broken machine explains itself in the test output.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(PostgresServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= PostgresServerOptions.Default;
        var binDirectory = await PostgresBinaries.LocateAsync(cancellationToken).ConfigureAwait(false);
        var parent = TempParent();
        await StaleClusterSweeper.SweepOnceAsync(parent, binDirectory, cancellationToken).ConfigureAwait(false);

        var root = Path.Combine(parent, StaleClusterSweeper.DirectoryPrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var started = false;
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            await File.WriteAllTextAsync(Path.Combine(root, StaleClusterSweeper.OwnerFile),
                Environment.ProcessId.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(Path.Combine(root, "sock"));
            if (PostgresProcess.IsRoot)
            {
                await ChownToServiceUserAsync(root, cancellationToken).ConfigureAwait(false);
            }

            var provisional = new PostgresServer(binDirectory, root, 0, options);
            await provisional.InitDbAsync(cancellationToken).ConfigureAwait(false);
            await provisional.WriteSettingsAsync(cancellationToken).ConfigureAwait(false);
            var port = await provisional.StartOnFreePortAsync(cancellationToken).ConfigureAwait(false);
            started = true;
            ClusterWatchdog.Watch(root, PostgresProcess.ServerBinaryCommand(Path.Combine(binDirectory, "pg_ctl"), provisional.StopArguments()));
            return new PostgresServer(binDirectory, root, port, options);
        }
        finally
        {
            if (!started)
            {
                new PostgresServer(binDirectory, root, 0, options).StopAndDelete();
            }
        }
    }

    /// <summary>Creates database <paramref name="name"/> (letters, digits, underscore; at most 63).</summary>
    public async Task CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        await ExecuteAdminAsync($"CREATE DATABASE {QuoteIdentifier(name)}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Drops database <paramref name="name"/> if it exists, terminating its connections first
    /// (<c>WITH (FORCE)</c>), after closing this process's pooled connections to it.
    /// </summary>
    public async Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        var quoted = QuoteIdentifier(name);
        using (var pooled = new NpgsqlConnection(ConnectionStringFor(name)))
        {
            NpgsqlConnection.ClearPool(pooled);
        }
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the server at once (<c>pg_ctl stop -m immediate</c>) and deletes its directory. Idempotent.</summary>
    public ValueTask DisposeAsync()
    {
        // The stop is short and ProcessExit needs the same code synchronously; one implementation serves both.
        StopAndDelete();
        return ValueTask.CompletedTask;
    }

    /// <summary>Synchronous stop and delete, for process-exit handlers.</summary>
    internal void StopAndDelete()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            PostgresProcess.RunServerBinary(
                Path.Combine(BinDirectory, "pg_ctl"), StopArguments(), Path.GetDirectoryName(RootDirectory)!, TimeSpan.FromSeconds(40));
        }
        for (var attempt = 0; attempt < 5 && Directory.Exists(RootDirectory); attempt++)
        {
            try
            {
                Directory.Delete(RootDirectory, recursive: true);
            }
            catch (IOException) when (attempt < 4)
            {
                Thread.Sleep(200); // a backend may still be removing its files
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                break; // leave it; the next run's sweeper retries
            }
        }
    }

    private string[] StopArguments() => ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"];

    private async Task ExecuteAdminAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task InitDbAsync(CancellationToken cancellationToken)
    {
        // C.UTF-8 keeps upper()/lower() Unicode-aware with byte-order collation; plain C is the fallback where a
        // system lacks that locale.
        PostgresProcess.Result? result = null;
        foreach (var locale in new[] { "C.UTF-8", "C" })
        {
            result = await PostgresProcess.RunServerBinaryAsync(
                Path.Combine(BinDirectory, "initdb"),
                ["-D", DataDirectory, "-U", SuperUser, "-A", "trust", "-E", "UTF8", $"--locale={locale}", "--no-sync", "--no-instructions"],
                RootDirectory, Options.StartTimeout, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode == 0)
            {
                return;
            }
            if (!result.Output.Contains("locale", StringComparison.OrdinalIgnoreCase))
            {
                break;
            }
        }
        throw new InvalidOperationException($"initdb failed (exit {result!.ExitCode}) in {RootDirectory}:\n{result.Output}");
    }

    private async Task WriteSettingsAsync(CancellationToken cancellationToken)
    {
        var settings = new List<KeyValuePair<string, string>>
        {
            new("listen_addresses", Host),
            new("unix_socket_directories", SocketDirectory),
            new("max_connections", Options.MaxConnections.ToString(CultureInfo.InvariantCulture)),
        };
        var durability = Options.Durable ? "on" : "off";
        settings.Add(new("fsync", durability));
        settings.Add(new("synchronous_commit", durability));
        settings.Add(new("full_page_writes", durability));
        settings.AddRange(Options.ExtraSettings);

        var text = new StringBuilder("\n# --- PacificEdge.Testing.PostgresServer ---\n");
        foreach (var (name, value) in settings)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name} = '{value.Replace("'", "''", StringComparison.Ordinal)}'\n");
        }
        // Appending keeps the file's owner (postgres when we run as root).
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), text.ToString(), cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> StartOnFreePortAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeTcpPort.Pick();
            var result = await PostgresProcess.RunServerBinaryAsync(
                Path.Combine(BinDirectory, "pg_ctl"),
                ["-D", DataDirectory, "-l", LogFile, "-w", "-t", ((int)Options.StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture),
                 "-o", $"-p {port}", "start"],
                RootDirectory, Options.StartTimeout + TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false);
            if (result.ExitCode == 0)
            {
                return port;
            }

            var tail = LogTail(40);
            var portClash = PortClash().IsMatch(tail);
            if (!portClash || attempt >= MaxPortAttempts)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL failed to start (pg_ctl exit {result.ExitCode}, port {port}, attempt {attempt}) in {RootDirectory}.\n" +
                    $"pg_ctl output:\n{result.Output}\nServer log tail ({LogFile}):\n{tail}");
            }
        }
    }

    private string LogTail(int lines)
    {
        try
        {
            var all = File.ReadAllLines(LogFile);
            return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"(log not readable: {ex.Message})";
        }
    }

    private static async Task ChownToServiceUserAsync(string root, CancellationToken cancellationToken)
    {
        var user = PostgresProcess.ServiceUser;
        var result = await PostgresProcess.RunAsync("chown", ["-R", $"{user}:{user}", root], "/", TimeSpan.FromSeconds(30), cancellationToken)
            .ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Running as root, the cluster must belong to the '{user}' OS user, but chown failed (does the user exist? " +
                $"apt-get install postgresql creates it):\n{result.Output}");
        }
    }

    /// <summary>
    /// Root runs the server as postgres, which cannot enter root-only directories (TMPDIR may point into /root), so
    /// root uses /tmp; long temp paths are avoided too because a Unix socket path is limited to about 100 bytes.
    /// </summary>
    private static string TempParent()
    {
        var temp = Path.GetTempPath();
        return PostgresProcess.IsRoot || temp.Length > 60 || !Directory.Exists(temp) ? "/tmp" : temp.TrimEnd('/');
    }

    internal static string QuoteIdentifier(string name)
    {
        if (!SafeIdentifier().IsMatch(name))
        {
            throw new ArgumentException($"Database name '{name}' must match {SafeIdentifier()}.", nameof(name));
        }
        return "\"" + name + "\"";
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex SafeIdentifier();

    [GeneratedRegex("could not bind|Address already in use|could not create any TCP/IP sockets")]
    private static partial Regex PortClash();
}
