using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
namespace PacificEdge.Testing;

/// <summary>
/// One real <c>PacificEdge.Silo</c> process (<c>dotnet PacificEdge.Silo.dll silo|web</c>) on loopback,
/// as an operator or Kubernetes runs it, from the test project's output folder (which holds the Silo build through its
/// project reference). Output is kept for failure messages.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SiloProcess(string mode, int httpPort, int siloPort, Process process)
    {
        Mode = mode;
        HttpPort = httpPort;
        SiloPort = siloPort;
        _process = process;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Mode { get; }

    public int HttpPort { get; }

    public int SiloPort { get; }

    public HttpClient Http { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output => string.Join(Environment.NewLine, _output.TakeLast(200));

    /// <summary>Starts the process; <paramref name="siloPort"/> 0 picks a free one (ignored by a web process).</summary>
    /// <param name="mode">silo, web or cohosted.</param>
    /// <param name="connectionString">The database.</param>
    /// <param name="clusterId">Processes with the same id form one cluster.</param>
    /// <param name="siloPort">0 picks a free port.</param>
    /// <param name="settings">Extra configuration (keys with ':' become environment variables with '__').</param>
    /// <param name="arguments">Extra command-line arguments (e.g. --seed-demo).</param>
    /// <param name="httpPort">0 picks a free one; a caller that must tell others the address ahead picks it.</param>
    public static SiloProcess Start(
        string mode, string connectionString, string clusterId, int siloPort = 0,
        IReadOnlyDictionary<string, string>? settings = null, IReadOnlyList<string>? arguments = null, int httpPort = 0)
    {
        var ports = FreeTcpPort.PickDistinct(3); // HTTP, silo and gateway must never coincide
        httpPort = httpPort == 0 ? ports[0] : httpPort;
        siloPort = siloPort == 0 ? ports[1] : siloPort;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "PacificEdge.Silo.dll"), mode, "--urls", $"http://127.0.0.1:{httpPort}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment.Remove("PACIFICEDGE_MODE");
        start.Environment.Remove("Postgres__ConnectionString");
        start.Environment["PACIFICEDGE_DB"] = connectionString;
        start.Environment["DOTNET_gcServer"] = "0"; // several processes share 2 cores
        start.Environment["Orleans__ClusterId"] = clusterId;
        start.Environment["Orleans__ServiceId"] = clusterId;
        start.Environment["Orleans__Clustered"] = "true";
        start.Environment["Orleans__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = ports[2].ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__AdvertisedIPAddress"] = "127.0.0.1";
        start.Environment["Orleans__GatewayListRefreshPeriod"] = "00:00:01";
        start.Environment["Silo__DiagnosticEndpoints"] = "true";
        start.Environment["Commerce__Payments__Sandbox__WebhookSecret"] = "whsec_test_only_not_a_real_secret";
        start.Environment["Frontend__KeyRingSecret"] = "key-ring-secret-for-process-tests-only-0123456789";
        // Production requires a second factor for staff; the process tests sign the admin in with a password only.
        start.Environment["Security__RequireStaffTwoFactor"] = "false";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var argument in arguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }
        var process = new Process { StartInfo = start };
        var silo = new SiloProcess(mode, httpPort, siloPort, process);
        process.OutputDataReceived += (_, e) => silo.Record(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Record(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200.</summary>
    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The {Mode} process exited with {_process.ExitCode} before it was ready:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await Http.GetAsync("/health/ready", cts.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await Task.Delay(200, cts.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"The {Mode} process did not become ready:{Environment.NewLine}{Output}");
    }

    /// <summary>The operating-system process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True between <see cref="Suspend"/> and <see cref="Resume"/>.</summary>
    public bool IsSuspended { get; private set; }

    /// <summary>SIGSTOP: the process hangs (its sockets stay open, nothing answers), as a silo stuck in a long GC or on a frozen VM.</summary>
    public void Suspend()
    {
        Signal(UnixSignal.Stop);
        IsSuspended = true;
    }

    /// <summary>SIGCONT after <see cref="Suspend"/>; harmless when the process has exited.</summary>
    public void Resume()
    {
        if (!IsSuspended)
        {
            return;
        }

        IsSuspended = false;
        if (!_process.HasExited)
        {
            Signal(UnixSignal.Continue);
        }
    }

    /// <summary>kill -9: no shutdown code runs.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM, as Kubernetes sends before a pod stops; returns when the process has exited.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        Signal(UnixSignal.Terminate);

        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (IsSuspended && !_process.HasExited)
        {
            _process.Kill(entireProcessTree: true); // SIGKILL ends a stopped process too
        }

        IsSuspended = false;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        Http.Dispose();
        _process.Dispose();
    }

    // Through libc, not the `kill` program: minimal Debian images have no procps.
    private void Signal(int signal)
    {
        if (UnixSignal.Send(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 400 && _output.TryDequeue(out _))
        {
        }
    }
}
