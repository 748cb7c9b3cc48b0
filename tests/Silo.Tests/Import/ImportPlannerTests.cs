using PacificEdge.Silo.Import.Files;
using PacificEdge.Silo.Import.Planning;

namespace PacificEdge.Silo.Tests.Import;

/// <summary>The planner on a generated export of 3,000 customers with every kind of fault: no database, no cluster.</summary>
public sealed class ImportPlannerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly OldShopExport _export = new OldShopExportGenerator(3000, ImportTestCatalog.Skus, faults: true).Write();

    [Fact]
    public async Task A_messy_export_is_planned_with_the_right_counts_and_points()
    {
        var plan = await PlanAsync(_export.Folder);

        Assert.Equal(_export.Customers, plan.Customers.Count);
        Assert.Equal(_export.Orders, plan.Orders.Count);
        Assert.Equal(_export.Balances, plan.Balances.Count);
        Assert.Equal(_export.Referrals, plan.Referrals.Count);
        Assert.Equal(_export.Subscribers, plan.Subscribers.Count);
        Assert.Equal(_export.Duplicates, plan.Duplicates.Count);
        Assert.Equal(_export.AcceptedPoints, plan.Points.Accepted);
        Assert.Equal(_export.FilePoints, plan.Points.File);
        Assert.True(plan.Points.Balanced, $"{plan.Points}");
        Assert.Equal(plan.Balances.Sum(b => (long)b.Value.Points), plan.Points.Accepted);
        // Emails are lower-cased and trimmed whatever the export wrote.
        Assert.All(plan.Customers, c => Assert.Equal(c.Value.Email.Trim().ToLowerInvariant(), c.Value.Email));
        Assert.Equal(_export.CustomerEmails.Order(), plan.Customers.Select(c => c.Value.Email).Order());
    }

    [Fact]
    public async Task Every_planted_fault_is_rejected_at_its_file_and_line_with_its_reason_and_nothing_else_is()
    {
        var plan = await PlanAsync(_export.Folder);

        foreach (var expected in _export.Rejections)
        {
            var actual = plan.Rejected.SingleOrDefault(r => r.File == expected.File && r.Line == expected.Line);
            Assert.True(actual is not null, $"{expected.Kind} at {expected.File}:{expected.Line} was not rejected");
            Assert.Contains(expected.ReasonPart, actual.Reason, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(_export.Rejections.Count, plan.Rejected.Count);
        Assert.Contains(_export.Rejections, r => r.Kind == "unknown SKU");
        Assert.NotEmpty(plan.UnknownSkus);
    }

    [Fact]
    public async Task Quoted_commas_and_newlines_stay_inside_their_field_and_historic_orders_keep_their_lines()
    {
        var plan = await PlanAsync(_export.Folder);

        var boxed = plan.Customers.Single(c => c.Value.Email == OldShopExportGenerator.Email(13)).Value;
        Assert.Equal("PO Box 13 Building B", boxed.Address1);
        Assert.Equal("Portland", boxed.City);
        var comma = plan.Customers.Single(c => c.Value.Email == OldShopExportGenerator.Email(5)).Value;
        Assert.Equal("5 Harbour Rd, Unit 4", comma.Address1);
        Assert.Equal("Anne \"Annie\"", plan.Customers.Single(c => c.Value.Email == OldShopExportGenerator.Email(17)).Value.FirstName);
        // Order #100004 has 1 + (4 % 3) = 2 lines: $39.95 x1 and 1,039.95 USD x2.
        var order = plan.Orders.Single(o => o.Value.OrderNumber == "100004").Value;
        Assert.Equal(2, order.Lines.Count);
        Assert.Equal(39.95m + (2 * 1039.95m), order.Total);
        Assert.Equal("USD", order.Currency);
    }

    [Fact]
    public async Task A_clean_export_plans_without_rejections()
    {
        using var clean = new OldShopExportGenerator(500, ImportTestCatalog.Skus, faults: false).Write();

        var plan = await PlanAsync(clean.Folder);

        Assert.Empty(plan.Rejected);
        Assert.Empty(plan.Duplicates);
        Assert.Equal(clean.Customers, plan.Customers.Count);
        Assert.Equal(clean.AcceptedPoints, plan.Points.File);
    }

    [Fact]
    public async Task A_file_without_a_required_column_is_reported_once_against_its_header()
    {
        var folder = Directory.CreateTempSubdirectory("pe-import-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "customers.csv"), "email\na@example.test\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "loyalty.csv"), "email,balance_points\na@example.test,5\n");

            var plan = await PlanAsync(folder);

            var rejected = Assert.Single(plan.Rejected);
            Assert.Equal(("loyalty.csv", 1), (rejected.File, rejected.Line));
            Assert.Contains("points", rejected.Reason, StringComparison.Ordinal);
            Assert.Single(plan.Customers);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public void Dispose() => _export.Dispose();

    private static async Task<ImportPlan> PlanAsync(string folder)
    {
        var files = new Dictionary<string, CsvFile>();
        foreach (var name in OldShopFiles.All)
        {
            files[name] = await CsvFileReader.ReadAsync(folder, name, CancellationToken.None);
        }

        return new ImportPlanner(ImportTestCatalog.Names, Now, "USD").Plan(files);
    }
}
