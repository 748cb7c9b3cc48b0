using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using PacificEdge.Grains.Interfaces.Catalog;
using PacificEdge.Silo.Import;
using PacificEdge.Silo.Import.Writing;
using PacificEdge.Testing;
using Spectre.Console.Testing;

namespace PacificEdge.Silo.Tests.Import;

/// <summary>The co-hosted store on a test database with the demo catalog, and the import command run against it in-process.</summary>
public sealed class ImportHarness(string connectionString) : IAsyncDisposable
{
    public SiloAppFactory App { get; } = new(connectionString, seedDemo: true);

    public string ConnectionString => connectionString;

    public async Task StartAsync()
    {
        var grains = App.Services.GetRequiredService<IGrainFactory>();
        await Eventually.WaitAsync(
            () => grains.GetGrain<ICatalogGrain>(ICatalogGrain.CatalogKey).List(includeInactive: true),
            products => ImportTestCatalog.Skus.All(s => products.Any(p => p.Sku == s)),
            "the demo catalog is seeded");
    }

    /// <summary>Runs <c>import</c> as the command would; returns the exit code and what it printed.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string folder, bool dryRun)
    {
        var services = App.Services;
        var options = Options.Create(new ImportOptions { Folder = folder, DryRun = dryRun, Parallelism = 4 });
        var store = ActivatorUtilities.CreateInstance<ImportedDataStore>(services);
        var writer = ActivatorUtilities.CreateInstance<ImportWriter>(services, store, options);
        var command = ActivatorUtilities.CreateInstance<ImportCommand>(services, writer, options);
        var console = new TestConsole();
        console.Profile.Width = 200;
        var exitCode = await command.RunAsync(console, CancellationToken.None);
        return (exitCode, console.Output);
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
