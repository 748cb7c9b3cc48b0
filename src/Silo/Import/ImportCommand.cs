using Microsoft.Extensions.Options;
using PacificEdge.Grains.Interfaces.Catalog;
using PacificEdge.Silo.Import.Files;
using PacificEdge.Silo.Import.Planning;
using PacificEdge.Silo.Import.Reporting;
using PacificEdge.Silo.Import.Writing;
using Spectre.Console;

namespace PacificEdge.Silo.Import;

/// <summary>
/// <c>PacificEdge.Silo import &lt;folder&gt; [--dry-run]</c>: reads the old shop's CSV export, validates and
/// de-duplicates it against the catalog, writes it (unless a dry run) with a progress bar, and prints the
/// reconciliation. Returns the exit code: 0 when nothing was rejected and the points reconcile, 1 otherwise, 2 when
/// the folder cannot be used.
/// </summary>
public sealed partial class ImportCommand(
    IGrainFactory grains, ImportWriter writer, IOptions<ImportOptions> options, TimeProvider time, ILogger<ImportCommand> logger)
{
    public const int UsageError = 2;

    public async Task<int> RunAsync(IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Folder) || !Directory.Exists(settings.Folder))
        {
            console.WriteLine($"import needs the folder of the old shop's export: PacificEdge.Silo import <folder> [--dry-run] (got '{settings.Folder}')");
            return UsageError;
        }

        var files = new Dictionary<string, CsvFile>(StringComparer.Ordinal);
        foreach (var name in OldShopFiles.All)
        {
            files[name] = await CsvFileReader.ReadAsync(settings.Folder, name, cancellationToken);
        }

        if (files.Values.All(f => !f.Present))
        {
            console.WriteLine($"The folder holds none of the export files: {string.Join(", ", OldShopFiles.All)}");
            return UsageError;
        }

        var catalog = (await grains.GetGrain<ICatalogGrain>(ICatalogGrain.CatalogKey).List(includeInactive: true))
            .ToDictionary(p => p.Sku, p => p.Name, StringComparer.OrdinalIgnoreCase);
        var plan = new ImportPlanner(catalog, time.GetUtcNow(), settings.DefaultCurrency).Plan(files);
        LogPlanned(settings.DryRun, plan.Customers.Count, plan.Orders.Count, plan.Balances.Count, plan.Referrals.Count, plan.Subscribers.Count, plan.Rejected.Count);

        ImportOutcome? outcome = null;
        if (!settings.DryRun)
        {
            outcome = await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(context => writer.WriteAsync(plan, new SpectreImportProgress(context), cancellationToken));
        }

        var report = ImportReport.Create(plan, outcome);
        ImportReportPrinter.Print(console, report);
        return report.ExitCode;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import (dry run: {DryRun}) planned {Customers} customers, {Orders} orders, {Balances} balances, {Referrals} referrals, {Subscribers} subscribers; {Rejected} rows rejected by validation")]
    private partial void LogPlanned(bool dryRun, int customers, int orders, int balances, int referrals, int subscribers, int rejected);
}
