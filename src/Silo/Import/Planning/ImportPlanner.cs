using PacificEdge.Silo.Import.Files;
using PacificEdge.Silo.Import.Parsing;

namespace PacificEdge.Silo.Import.Planning;

/// <summary>
/// Validates every row, de-duplicates by email (case-insensitive; the first row wins, later ones are listed as
/// merged) and checks the files against each other and the catalog. Pure: no database, no cluster. Every row ends up
/// in exactly one place: planned, merged as a duplicate, or rejected with its file, line and reason.
/// </summary>
public sealed class ImportPlanner(IReadOnlyDictionary<string, string> catalog, DateTimeOffset now, string defaultCurrency)
{
    private readonly List<RejectedRow> _rejected = [];
    private readonly List<DuplicateRow> _duplicates = [];

    /// <param name="files">The export's files by name (missing ones may be absent or <see cref="CsvFile.Missing"/>).</param>
    public ImportPlan Plan(IReadOnlyDictionary<string, CsvFile> files)
    {
        var rowsRead = OldShopFiles.All.ToDictionary(f => f, f => File(files, f).Rows.Count + (File(files, f).Malformed?.Count ?? 0));
        foreach (var file in files.Values)
        {
            if (file.Error is not null)
            {
                _rejected.Add(new RejectedRow(file.Name, 1, file.Error));
            }

            _rejected.AddRange((file.Malformed ?? []).Select(m => new RejectedRow(file.Name, m.Line, m.Reason)));
        }

        var customers = PlanCustomers(File(files, OldShopFiles.Customers));
        var known = customers.Select(c => c.Value.Email).ToHashSet(StringComparer.Ordinal);
        var unknownSkus = new Dictionary<string, int>(StringComparer.Ordinal);
        var orders = PlanOrders(File(files, OldShopFiles.Orders), known, unknownSkus);
        var (balances, points) = PlanBalances(File(files, OldShopFiles.Loyalty), known);
        var referrals = PlanReferrals(File(files, OldShopFiles.Referrals), known);
        var subscribers = PlanSubscribers(File(files, OldShopFiles.Subscribers));
        return new ImportPlan(rowsRead, customers, orders, balances, referrals, subscribers,
            _duplicates.OrderBy(d => d.File).ThenBy(d => d.Line).ToList(),
            _rejected.OrderBy(r => OrderOf(r.File)).ThenBy(r => r.Line).ToList(),
            unknownSkus, points);
    }

    private List<Planned<CustomerRow>> PlanCustomers(CsvFile file)
        => FirstPerEmail(file, file.Rows.Select(CustomerRow.Parse), c => c.Email);

    private List<Planned<HistoricOrder>> PlanOrders(CsvFile file, HashSet<string> customers, Dictionary<string, int> unknownSkus)
    {
        var groups = new Dictionary<string, List<(CsvRow Row, OrderLineRow? Line, string? Error)>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var parsed in file.Rows.Select(r => OrderLineRow.Parse(r, now, defaultCurrency)))
        {
            if (parsed.Value is not { } line)
            {
                _rejected.Add(new RejectedRow(file.Name, parsed.Source.Line, parsed.Error!));
                continue;
            }

            string? error = null;
            if (!customers.Contains(line.Email))
            {
                error = $"no customer {line.Email} in {OldShopFiles.Customers}";
            }
            else if (!catalog.ContainsKey(line.Sku))
            {
                unknownSkus[line.Sku] = unknownSkus.GetValueOrDefault(line.Sku) + 1;
                error = $"unknown SKU '{LegacyValues.Shorten(line.Sku)}' (not in the catalog)";
            }

            if (!groups.TryGetValue(line.OrderNumber, out var group))
            {
                groups[line.OrderNumber] = group = [];
                order.Add(line.OrderNumber);
            }

            var head = group.FirstOrDefault(g => g.Line is not null).Line;
            if (error is null && head is not null && (head.Email != line.Email || head.OrderedAt != line.OrderedAt || head.Status != line.Status || head.Currency != line.Currency))
            {
                error = $"its email, date, status or currency differ from line {group.First(g => g.Line is not null).Row.Line} of order {line.OrderNumber}";
            }

            group.Add((parsed.Source, line, error));
        }

        var planned = new List<Planned<HistoricOrder>>();
        foreach (var number in order)
        {
            var group = groups[number];
            var bad = group.FirstOrDefault(g => g.Error is not null);
            if (bad.Row is not null)
            {
                // Half an order would show a wrong total: the whole order waits until its bad line is fixed.
                foreach (var (row, _, error) in group)
                {
                    _rejected.Add(new RejectedRow(file.Name, row.Line, error ?? $"order {number} has a rejected line ({bad.Row.Line})"));
                }

                continue;
            }

            var head = group[0].Line!;
            var lines = group.Select(g => new HistoricOrderLine(g.Line!.Sku, catalog[g.Line.Sku], g.Line.Quantity, g.Line.UnitPrice)).ToList();
            planned.Add(new Planned<HistoricOrder>(file.Name, group[0].Row.Line, new HistoricOrder(number, head.Email, head.OrderedAt, head.Status, head.Currency, lines)));
        }

        return planned;
    }

    private (List<Planned<BalanceRow>> Balances, PointTotals Points) PlanBalances(CsvFile file, HashSet<string> customers)
    {
        long total = 0, accepted = 0, duplicates = 0, rejected = 0;
        var first = new Dictionary<string, (int Line, int Points)>(StringComparer.Ordinal);
        var planned = new List<Planned<BalanceRow>>();
        foreach (var row in file.Rows)
        {
            var points = BalanceRow.PointsOf(row) ?? 0;
            total += points;
            var parsed = BalanceRow.Parse(row);
            string? error = parsed.Error;
            if (parsed.Value is { } balance)
            {
                if (!customers.Contains(balance.Email))
                {
                    error = $"no customer {balance.Email} in {OldShopFiles.Customers}";
                }
                else if (first.TryGetValue(balance.Email, out var earlier))
                {
                    if (earlier.Points == balance.Points)
                    {
                        _duplicates.Add(new DuplicateRow(file.Name, row.Line, earlier.Line));
                        duplicates += points;
                        continue;
                    }

                    error = $"a second balance for {balance.Email}: line {earlier.Line} says {earlier.Points} points, this line {balance.Points}";
                }
            }

            if (error is not null)
            {
                _rejected.Add(new RejectedRow(file.Name, row.Line, error));
                rejected += points;
                continue;
            }

            first[parsed.Value!.Email] = (row.Line, parsed.Value.Points);
            planned.Add(new Planned<BalanceRow>(file.Name, row.Line, parsed.Value));
            accepted += points;
        }

        return (planned, new PointTotals(total, accepted, duplicates, rejected));
    }

    private List<Planned<ReferralRow>> PlanReferrals(CsvFile file, HashSet<string> customers)
    {
        var first = new Dictionary<string, (int Line, string Referrer)>(StringComparer.Ordinal);
        var planned = new List<Planned<ReferralRow>>();
        foreach (var parsed in file.Rows.Select(ReferralRow.Parse))
        {
            if (Accept(parsed) is not { } referral)
            {
                continue;
            }

            var missing = new[] { referral.ReferrerEmail, referral.ReferredEmail }.FirstOrDefault(e => !customers.Contains(e));
            if (missing is not null)
            {
                Reject(parsed.Source, $"no customer {missing} in {OldShopFiles.Customers}");
                continue;
            }

            if (first.TryGetValue(referral.ReferredEmail, out var earlier))
            {
                if (earlier.Referrer == referral.ReferrerEmail)
                {
                    _duplicates.Add(new DuplicateRow(file.Name, parsed.Source.Line, earlier.Line));
                }
                else
                {
                    Reject(parsed.Source, $"{referral.ReferredEmail} was already referred by {earlier.Referrer} (line {earlier.Line})");
                }

                continue;
            }

            first[referral.ReferredEmail] = (parsed.Source.Line, referral.ReferrerEmail);
            planned.Add(new Planned<ReferralRow>(file.Name, parsed.Source.Line, referral));
        }

        return planned;
    }

    private List<Planned<SubscriberRow>> PlanSubscribers(CsvFile file)
        => FirstPerEmail(file, file.Rows.Select(r => SubscriberRow.Parse(r, now)), s => s.Email);

    // Accepted rows, the first per email; later ones are reported as duplicates of it.
    private List<Planned<T>> FirstPerEmail<T>(CsvFile file, IEnumerable<Parsed<T>> rows, Func<T, string> emailOf)
        where T : class
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var planned = new List<Planned<T>>();
        foreach (var parsed in rows)
        {
            if (Accept(parsed) is not { } row)
            {
                continue;
            }

            if (first.TryGetValue(emailOf(row), out var line))
            {
                _duplicates.Add(new DuplicateRow(file.Name, parsed.Source.Line, line));
                continue;
            }

            first[emailOf(row)] = parsed.Source.Line;
            planned.Add(new Planned<T>(file.Name, parsed.Source.Line, row));
        }

        return planned;
    }

    private T? Accept<T>(Parsed<T> parsed)
        where T : class
    {
        if (parsed.Value is null)
        {
            Reject(parsed.Source, parsed.Error!);
        }

        return parsed.Value;
    }

    private void Reject(CsvRow row, string reason) => _rejected.Add(new RejectedRow(row.File, row.Line, reason));

    private static CsvFile File(IReadOnlyDictionary<string, CsvFile> files, string name)
        => files.TryGetValue(name, out var file) ? file : CsvFile.Missing(name);

    private static int OrderOf(string file) => OldShopFiles.All.ToList().IndexOf(file);
}
