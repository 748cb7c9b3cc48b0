using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PacificEdge.Runtime.Activation;
using PacificEdge.Runtime.Storage;

namespace PacificEdge.Runtime.Hosting;

/// <summary>
/// The silo's lifecycle. Start: apply migrations, validate the grain classes, become Active.
/// Stop: ShuttingDown (no new activations), deactivate every grain as a last turn within the
/// shutdown timeout, drop what is left, Dead.
/// </summary>
internal sealed partial class SiloHostedService(
    IServiceProvider services,
    ActivationCatalog catalog,
    SiloLifetime lifetime,
    IOptions<SiloOptions> options,
    ILogger<SiloHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.MarkJoining();
        if (services.GetService<MigrationRunner>() is { } migrations && services.GetRequiredService<IOptions<PostgresOptions>>().Value.ApplyMigrationsOnStartup)
        {
            await migrations.ApplyAsync(cancellationToken).ConfigureAwait(false);
        }

        var types = services.GetRequiredService<GrainTypeRegistry>();
        lifetime.MarkActive();
        LogStarted(options.Value.SiloName, types.All.Count());
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (lifetime.Status == SiloStatus.Dead)
        {
            return;
        }

        lifetime.MarkShuttingDown();
        LogStopping(options.Value.SiloName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ShutdownTimeout);
        await catalog.DeactivateAllAsync(timeout.Token).ConfigureAwait(false);
        catalog.AbortAll();
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
