using System.Globalization;
using Spectre.Console;

namespace PacificEdge.Silo.Import.Reporting;

/// <summary>Prints the reconciliation report with Spectre.Console (all text escaped: file values never become markup).</summary>
public static class ImportReportPrinter
{
    public static void Print(IAnsiConsole console, ImportReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        console.WriteLine();
        console.Write(new Rule(report.DryRun ? "Import reconciliation (dry run: nothing was written)" : "Import reconciliation"));
        var table = new Table().AddColumns("Entity", "Rows", "Valid", "Duplicates merged", "Rejected", "Imported now", "Already there");
        foreach (var line in report.Entities)
        {
            table.AddRow(line.Entity, N(line.Rows), N(line.Valid), N(line.Duplicates), N(line.Rejected),
                line.Imported is { } imported ? N(imported) : "-", line.Unchanged is { } unchanged ? N(unchanged) : "-");
        }

        console.Write(table);
        var points = report.Points;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Loyalty points: file total {points.File:N0} = accepted {points.Accepted:N0} + duplicates {points.Duplicates:N0} + rejected {points.Rejected:N0}"));
        if (report.PointsInWallets is { } inWallets)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Opening balances in wallets after the run: {inWallets:N0} ({(inWallets == points.Accepted ? "equal to" : "DIFFERENT FROM")} the accepted total)"));
        }

        if (report.InvitationsSent is { } invitations)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Set-your-password emails sent: {invitations:N0}"));
        }

        if (report.UnknownSkus.Count > 0)
        {
            console.WriteLine("Unknown SKUs (add them to the catalog, inactive if retired, and run again): " +
                string.Join(", ", report.UnknownSkus.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} ({s.Value} lines)")));
        }

        foreach (var duplicate in report.Duplicates)
        {
            console.WriteLine($"Merged {duplicate.File}:{duplicate.Line} into line {duplicate.FirstLine} (same email)");
        }

        foreach (var rejected in report.Rejected)
        {
            console.WriteLine($"Rejected {rejected.File}:{rejected.Line}: {rejected.Reason}");
        }

        console.WriteLine(report.ExitCode == ImportReport.Success
            ? "Result: every row is accounted for; nothing was rejected."
            : string.Create(CultureInfo.InvariantCulture, $"Result: {report.Rejected.Count} rows rejected{(report.PointsReconcile ? "" : "; points do not reconcile")}. Fix them and run again (a re-run only adds what is missing)."));
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
