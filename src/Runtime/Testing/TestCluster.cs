using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PacificEdge.Runtime.Activation;
using PacificEdge.Runtime.Clustering;
using PacificEdge.Runtime.Hosting;
using PacificEdge.Runtime.Reminders;
using PacificEdge.Runtime.Storage;

namespace PacificEdge.Runtime.Testing;

/// <summary>
/// Silos in one process (each with its own container, and in a cluster its own silo port) over
/// shared PostgreSQL or shared memory, with <see cref="StopSiloAsync"/> (graceful),
/// <see cref="KillSiloAsync"/> (crash: no grain code runs) and <see cref="RestartSiloAsync"/>, so
/// lifecycle and failure behaviour can be tested like Orleans.TestingHost.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly TestClusterOptions _options;
    private readonly List<TestSilo> _silos = [];
    private readonly MemoryGrainStorage _memoryStorage = new();
    private readonly MemoryReminderTable _memoryReminders = new();
    private readonly MemoryMembershipTable _memoryMembership = new();
    private IHost? _client;
    private int _siloCounter;

    internal TestCluster(TestClusterOptions options) => _options = options;

    /// <summary>Silos started and not yet stopped or killed.</summary>
    public IReadOnlyList<TestSilo> Silos => _silos;

    /// <summary>The first running silo.</summary>
    public TestSilo Primary => _silos.Count > 0 ? _silos[0] : throw new InvalidOperationException("No silo is running.");

    /// <summary>
    /// A grain factory for test code. In a cluster, a grain client of its own (it hosts nothing and
    /// survives any silo); otherwise the primary silo's.
    /// </summary>
    public IGrainFactory Client => _options.UseClustering
        ? (_client ?? throw new InvalidOperationException("Call DeployAsync first: the cluster's client starts with it.")).Services.GetRequiredService<IGrainFactory>()
        : Primary.GrainFactory;

    /// <summary>The grain client's services (cluster only), e.g. its <see cref="IClusterMembership"/>.</summary>
    public IServiceProvider ClientServices => _client?.Services ?? throw new InvalidOperationException("The cluster has no client (not clustered, or not deployed).");

    /// <summary>Whether the silos form a cluster.</summary>
    public bool IsClustered => _options.UseClustering;

    /// <summary>Starts the initial silos (and, in a cluster, the client).</summary>
    public async Task DeployAsync(CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < _options.InitialSilosCount; i++)
        {
            await StartSiloAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_options.UseClustering && _client is null)
        {
            _client = await StartClientAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Starts one more silo.</summary>
    public async Task<TestSilo> StartSiloAsync(CancellationToken cancellationToken = default)
    {
        var name = $"silo-{Interlocked.Increment(ref _siloCounter)}";
        var builder = CreateBuilder();
        builder.Configuration.AddInMemoryCollection([new("Runtime:Silo:SiloName", name)]);
        builder.Services.AddGrainSilo(silo =>
        {
            if (_options.PostgresConnectionString is { } connectionString)
            {
                silo.UsePostgres(o => o.ConnectionString = connectionString);
            }
            else
            {
                silo.UseInMemory(_memoryStorage, _memoryReminders, _memoryMembership);
            }

            if (_options.UseClustering)
            {
                silo.UseClustering(o => o.ClusterId = _options.ClusterId);
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
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        var silo = new TestSilo(name, host);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Stops a silo gracefully: it leaves the cluster, every activation runs its deactivation.</summary>
    public async Task StopSiloAsync(TestSilo silo, CancellationToken cancellationToken = default)
    {
        _silos.Remove(silo);
        await silo.Host.StopAsync(cancellationToken).ConfigureAwait(false);
        await DisposeHostAsync(silo.Host).ConfigureAwait(false);
    }

    /// <summary>
    /// Crashes a silo: it stops at once, no grain code runs, in-flight calls fail as unavailable. In
    /// a cluster its heartbeats stop and its silo port drops every connection; it stays Active in the
    /// membership table until a peer declares it dead, exactly as after a kill -9.
    /// </summary>
    public async Task KillSiloAsync(TestSilo silo)
    {
        _silos.Remove(silo);
        silo.Services.GetRequiredService<SiloLifetime>().MarkDead();
        if (silo.Services.GetService<SiloMembershipAgent>() is { } agent)
        {
            await agent.CrashAsync().ConfigureAwait(false);
        }

        silo.Services.GetRequiredService<ActivationCatalog>().AbortAll();
        using var expired = new CancellationTokenSource();
        await expired.CancelAsync().ConfigureAwait(false);
        await silo.Host.StopAsync(expired.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await DisposeHostAsync(silo.Host).ConfigureAwait(false);
    }

    /// <summary>Stops a silo gracefully and starts a new one in its place.</summary>
    public async Task<TestSilo> RestartSiloAsync(TestSilo silo, CancellationToken cancellationToken = default)
    {
        await StopSiloAsync(silo, cancellationToken).ConfigureAwait(false);
        return await StartSiloAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until the client and every running silo see exactly the running silos as Active (a
    /// killed silo must have been declared dead first; a silo that found itself declared dead
    /// counts as gone). Re-reads membership as it waits.
    /// </summary>
    /// <exception cref="TimeoutException">Not reached within <paramref name="timeout"/> (default 60 s).</exception>
    public async Task WaitForMembershipAsync(TimeSpan? timeout = null)
    {
        if (!_options.UseClustering)
        {
            return;
        }

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        var alive = _silos.Where(s => s.Status != SiloStatus.Dead).ToList();
        var expected = alive.Select(s => s.Address).OrderBy(a => a.ToString(), StringComparer.Ordinal).ToList();
        var views = alive.Select(s => s.Services).Append(ClientServices).Select(s => s.GetRequiredService<IClusterMembership>()).ToList();
        while (true)
        {
            var agreed = true;
            foreach (var view in views)
            {
                try
                {
                    var snapshot = await view.RefreshAsync(cts.Token).ConfigureAwait(false);
                    agreed &= snapshot.ActiveSilos.OrderBy(a => a.ToString(), StringComparer.Ordinal).SequenceEqual(expected);
                }
                catch (OperationCanceledException) when (cts.IsCancellationRequested)
                {
                    throw new TimeoutException($"Membership did not settle on [{string.Join(", ", expected)}]; last view: {view.Current}.");
                }
            }

            if (agreed)
            {
                return;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Membership did not settle on [{string.Join(", ", expected)}]; views: {string.Join(" | ", views.Select(v => v.Current))}.");
            }
        }
    }

    /// <summary>Stops every silo gracefully, then the client.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos.ToList())
        {
            await StopSiloAsync(silo).ConfigureAwait(false);
        }

        if (_client is { } client)
        {
            _client = null;
            await client.StopAsync().ConfigureAwait(false);
            await DisposeHostAsync(client).ConfigureAwait(false);
        }
    }

    private HostApplicationBuilder CreateBuilder()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        if (_options.UseClustering)
        {
            // Loopback ports of their own and test-sized failure detection; a test's own configuration overrides these.
            builder.Configuration.AddInMemoryCollection(
            [
                new("Runtime:Cluster:SiloPort", "0"),
                new("Runtime:Cluster:AdvertisedHost", "127.0.0.1"),
                new("Runtime:Cluster:ListenAddress", "127.0.0.1"),
                new("Runtime:Cluster:HeartbeatInterval", "00:00:01"),
                new("Runtime:Cluster:DeathTimeout", "00:00:05"),
                new("Runtime:Cluster:TableRefreshInterval", "00:00:01"),
            ]);
        }

        builder.Configuration.AddInMemoryCollection(_options.Configuration);
        builder.Logging.ClearProviders();
        _options.ConfigureLogging?.Invoke(builder.Logging);
        return builder;
    }

    private async Task<IHost> StartClientAsync(CancellationToken cancellationToken)
    {
        var builder = CreateBuilder();
        builder.Services.AddGrainClient(client =>
        {
            if (_options.PostgresConnectionString is { } connectionString)
            {
                client.UsePostgres(o => o.ConnectionString = connectionString);
            }
            else
            {
                client.UseMembershipTable(_memoryMembership);
            }

            client.ConfigureCluster(o => o.ClusterId = _options.ClusterId);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    private static async Task DisposeHostAsync(IHost host)
    {
        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            host.Dispose();
        }
    }
}
