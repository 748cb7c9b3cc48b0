using System.Diagnostics;
using PacificEdge.Testing;

namespace PacificEdge.Silo.Tests.Import;

/// <summary>The real executable, as an operator runs it: <c>PacificEdge.Silo import &lt;folder&gt; [--dry-run]</c> and its exit codes.</summary>
public sealed class ImportProcessTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task The_import_command_exits_1_when_rows_are_rejected_0_when_none_are_and_2_without_a_folder()
    {
        using var faulty = new OldShopExportGenerator(120, ImportTestCatalog.Skus, faults: true).Write();
        using var clean = new OldShopExportGenerator(120, ImportTestCatalog.Skus, faults: false).Write();

        var rejected = await RunAsync("import", faulty.Folder, "--dry-run");
        var imported = await RunAsync("import", clean.Folder);
        var noFolder = await RunAsync("import");

        Assert.True(rejected.ExitCode == 1, rejected.Output);
        Assert.Contains("dry run: nothing was written", rejected.Output, StringComparison.Ordinal);
        Assert.Contains("Rejected customers.csv:", rejected.Output, StringComparison.Ordinal);
        Assert.True(imported.ExitCode == 0, imported.Output);
        Assert.Contains("nothing was rejected", imported.Output, StringComparison.Ordinal);
        Assert.Equal(clean.Customers, await DatabaseSnapshot.ScalarAsync(database.ConnectionString, "SELECT count(*) FROM imported_customers"));
        Assert.Equal(2, noFolder.ExitCode);
        Assert.Contains("import needs the folder", noFolder.Output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "PacificEdge.Silo.dll"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment.Remove("Postgres__ConnectionString");
        start.Environment["PACIFICEDGE_DB"] = database.ConnectionString;
        start.Environment["Orleans__SiloPort"] = "0";
        start.Environment["Orleans__GatewayPort"] = "0";
        start.Environment["Commerce__Payments__Sandbox__WebhookSecret"] = "whsec_test_only_not_a_real_secret";
        start.Environment["Commerce__Demo__Seed"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
