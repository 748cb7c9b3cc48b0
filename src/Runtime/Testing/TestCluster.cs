using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PacificEdge.Runtime.Activation;
using PacificEdge.Runtime.Hosting;
using PacificEdge.Runtime.Reminders;
using PacificEdge.Runtime.Storage;

namespace PacificEdge.Runtime.Testing;

/// <summary>
/// Silos in one process (each with its own container) over shared PostgreSQL or shared memory,
/// with <see cref="StopSiloAsync"/> (graceful), <see cref="KillSiloAsync"/> (crash: no grain code
/// runs) and <see cref="RestartSiloAsync"/>, so lifecycle and failure behaviour can be tested
/// like Orleans.TestingHost.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly TestClusterOptions _options;
    private readonly List<TestSilo> _silos = [];
    private readonly MemoryGrainStorage _memoryStorage = new();
    private readonly MemoryReminderTable _memoryReminders = new();
    private int _siloCounter;

    internal TestCluster(TestClusterOptions options) => _options = options;

    /// <summary>Silos started and not yet stopped or killed.</summary>
    public IReadOnlyList<TestSilo> Silos => _silos;

    /// <summary>The first running silo.</summary>
    public TestSilo Primary => _silos.Count > 0 ? _silos[0] : throw new InvalidOperationException("No silo is running.");

    /// <summary>A grain factory for test code (the primary silo's).</summary>
    public IGrainFactory Client => Primary.GrainFactory;

    /// <summary>Starts the initial silos.</summary>
    public async Task DeployAsync(CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < _options.InitialSilosCount; i++)
        {
            await StartSiloAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Starts one more silo.</summary>
    public async Task<TestSilo> StartSiloAsync(CancellationToken cancellationToken = default)
    {
        var name = $"silo-{Interlocked.Increment(ref _siloCounter)}";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(_options.Configuration);
        builder.Configuration.AddInMemoryCollection([new("Runtime:Silo:SiloName", name)]);
        builder.Logging.ClearProviders();
        _options.ConfigureLogging?.Invoke(builder.Logging);
        builder.Services.AddGrainSilo(silo =>
        {
            if (_options.PostgresConnectionString is { } connectionString)
            {
                silo.UsePostgres(o => o.ConnectionString = connectionString);
            }
            else
            {
                silo.UseInMemory(_memoryStorage, _memoryReminders);
            }

            foreach (var configure in _options.SiloConfigurators)
            {
                configure(silo);
            }
        });
        foreach (var configure in _options.ServiceConfigurators)
        {
            configure(builder.Services);
        }

        var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        var silo = new TestSilo(name, host);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Stops a silo gracefully: every activation runs its deactivation.</summary>
    public async Task StopSiloAsync(TestSilo silo, CancellationToken cancellationToken = default)
    {
        _silos.Remove(silo);
        await silo.Host.StopAsync(cancellationToken).ConfigureAwait(false);
        silo.Host.Dispose();
    }

    /// <summary>Crashes a silo: it stops at once, no grain code runs, in-flight calls fail as unavailable.</summary>
    public async Task KillSiloAsync(TestSilo silo)
    {
        _silos.Remove(silo);
        silo.Services.GetRequiredService<SiloLifetime>().MarkDead();
        silo.Services.GetRequiredService<ActivationCatalog>().AbortAll();
        using var expired = new CancellationTokenSource();
        await expired.CancelAsync().ConfigureAwait(false);
        await silo.Host.StopAsync(expired.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        silo.Host.Dispose();
    }

    /// <summary>Stops a silo gracefully and starts a new one in its place.</summary>
    public async Task<TestSilo> RestartSiloAsync(TestSilo silo, CancellationToken cancellationToken = default)
    {
        await StopSiloAsync(silo, cancellationToken).ConfigureAwait(false);
        return await StartSiloAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops every silo gracefully.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos.ToList())
        {
            await StopSiloAsync(silo).ConfigureAwait(false);
        }
    }
}
