using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PacificEdge.Persistence;

/// <summary>
/// Applies pending migrations when the host starts, if <see cref="PostgresOptions.ApplyMigrationsOnStartup"/>.
/// It runs in <see cref="IHostedLifecycleService.StartingAsync"/>, which the host calls before any hosted
/// service's StartAsync, so the schema is complete before Orleans' silo or client starts, whatever the
/// order in which they were registered.
/// </summary>
internal sealed class MigrationStartupService(MigrationRunner runner, IOptions<PostgresOptions> options) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (options.Value.ApplyMigrationsOnStartup)
        {
            await runner.ApplyAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
