using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PacificEdge.Runtime.Activation;
using PacificEdge.Runtime.Clustering;
using PacificEdge.Runtime.Storage;

namespace PacificEdge.Runtime.Hosting;

/// <summary>
/// The silo's lifecycle. Start: apply migrations, validate the grain classes, join the cluster
/// (when clustered), become Active. Stop (R11): ShuttingDown (no new activations; in a cluster,
/// callers route new grains elsewhere while this silo keeps serving the grains it hosts), run
/// every grain's deactivation as its last turn, drop what is left, Dead, all within
/// <see cref="SiloOptions.ShutdownTimeout"/>.
/// </summary>
internal sealed partial class SiloHostedService(
    IServiceProvider services,
    ActivationCatalog catalog,
    SiloLifetime lifetime,
    IOptions<SiloOptions> options,
    ILogger<SiloHostedService> logger) : IHostedService
{
    private readonly SiloMembershipAgent? _cluster = services.GetService<SiloMembershipAgent>();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.MarkJoining();
        if (services.GetService<MigrationRunner>() is { } migrations && services.GetRequiredService<IOptions<PostgresOptions>>().Value.ApplyMigrationsOnStartup)
        {
            await migrations.ApplyAsync(cancellationToken).ConfigureAwait(false);
        }

        var types = services.GetRequiredService<GrainTypeRegistry>();
        if (_cluster is not null)
        {
            await _cluster.JoinAsync(cancellationToken).ConfigureAwait(false);
        }

        lifetime.MarkActive();
        if (_cluster is not null)
        {
            await _cluster.ActivateAsync(cancellationToken).ConfigureAwait(false);
        }

        LogStarted(options.Value.SiloName, types.All.Count());
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (lifetime.Status == SiloStatus.Dead)
        {
            return; // killed, or declared dead by its peers: nothing may run or be written any more
        }

        var budget = options.Value.ShutdownTimeout;
        lifetime.MarkShuttingDown();
        LogStopping(options.Value.SiloName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(budget);
        if (_cluster is not null)
        {
            await _cluster.BeginShutdownAsync(timeout.Token).ConfigureAwait(false);
        }

        // Keep part of the budget for leaving the cluster cleanly, so the silo is gone within the budget.
        using (var drain = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token))
        {
            drain.CancelAfter(_cluster is null ? budget : budget - TimeSpan.FromTicks(Math.Min(budget.Ticks / 4, TimeSpan.FromSeconds(5).Ticks)));
            await catalog.DeactivateAllAsync(drain.Token).ConfigureAwait(false);
        }

        catalog.AbortAll();
        if (_cluster is not null)
        {
            await _cluster.LeaveAsync(timeout.Token).ConfigureAwait(false);
        }

        lifetime.MarkDead();
        LogStopped(options.Value.SiloName);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloName} active with {GrainTypeCount} grain types")]
    private partial void LogStarted(string siloName, int grainTypeCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloName} shutting down")]
    private partial void LogStopping(string siloName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloName} stopped")]
    private partial void LogStopped(string siloName);
}
