using System.Globalization;

namespace PacificEdge.Silo.Tests.Import;

/// <summary>
/// Writes an old-shop export of <c>customers</c> customers the way a real one looks (BOM, quoted commas and newlines,
/// several date formats, currency symbols, mixed-case emails, blank lines) and, with <c>faults</c>, plants
/// duplicates and bad rows of every kind, remembering where each is and what a correct import must count.
/// </summary>
public sealed class OldShopExportGenerator(int customers, IReadOnlyList<string> skus, bool faults)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "MM/dd/yyyy", "yyyy-MM-dd'T'HH:mm:ss'Z'", "MMM d, yyyy", "yyyy-MM-dd HH:mm:ss"];
    private static readonly string[] Statuses = ["Completed", "fulfilled", "Refunded", "cancelled", "SHIPPED"];
    private readonly List<ExpectedRejection> _rejections = [];
    private int _duplicates;

    public static string Email(int i) => $"customer{i:D5}@example.test";

    public OldShopExport Write()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pe-import-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        WriteCustomers(folder);
        var orders = WriteOrders(folder);
        var (balances, accepted, filePoints, byEmail) = WriteLoyalty(folder);
        var referrals = WriteReferrals(folder);
        var subscribers = WriteSubscribers(folder);
        return new OldShopExport(folder, customers, orders, balances, accepted, filePoints, referrals, subscribers, _duplicates, _rejections,
            Enumerable.Range(0, customers).Select(Email).ToList(), byEmail);
    }

    private static string Written(int i) => (i % 7) switch
    {
        0 => $"Customer{i:D5}@Example.TEST",
        1 => $"  customer{i:D5}@example.test ",
        _ => Email(i),
    };

    private static string Date(int i) => new DateTimeOffset(2023, 1, 1, 10, 15, 0, TimeSpan.Zero).AddDays(i % 600).ToString(DateFormats[i % DateFormats.Length], CultureInfo.InvariantCulture);

    private void Reject(string kind, string file, int line, string reason) => _rejections.Add(new ExpectedRejection(kind, file, line, reason));

    private void WriteCustomers(string folder)
    {
        var csv = new CsvTextWriter("Email,First Name,Last Name,Phone,Address 1,Address 2,City,State,Zip,Country", byteOrderMark: true);
        for (var i = 0; i < customers; i++)
        {
            var first = i % 17 == 0 ? "Anne \"Annie\"" : $"First{i}";
            var street = i % 5 == 0 ? $"{i} Harbour Rd, Unit 4" : i % 13 == 0 ? $"PO Box {i}\nBuilding B" : $"{i} Main St";
            var line = csv.Record(Written(i), first, $"Last{i}", "+1 555 0100", street, "", "Portland", "OR", "97201", "US");
            if (i % 250 == 0)
            {
                csv.BlankLine();
            }

            if (i % 400 == 7)
            {
                csv.BlankLine(separators: true);
            }

            if (faults && i % 100 == 3)
            {
                csv.Record(Email(i).ToUpperInvariant(), "Dup", "Licate", "", "", "", "", "", "", "");
                _duplicates++;
            }

            _ = line;
        }

        if (faults)
        {
            for (var j = 0; j < 5; j++)
            {
                Reject("bad email", "customers.csv", csv.Record($"not-an-email-{j}", "Bad", "Row", "", "", "", "", "", "", ""), "is not an email address");
            }

            Reject("empty email", "customers.csv", csv.Record("", "No", "Email", "", "1 Road", "", "Town", "", "", ""), "the email is empty");
        }

        csv.SaveTo(Path.Combine(folder, "customers.csv"));
    }

    private int WriteOrders(string folder)
    {
        var csv = new CsvTextWriter("Order Number,Email,Order Date,Status,SKU,Quantity,Unit Price,Currency");
        var orders = 0;
        for (var i = 0; i < customers; i += 2)
        {
            var number = $"#{100000 + i}";
            var lines = 1 + (i % 3);
            var retired = faults && i % 400 == 0;
            var rows = new List<int>();
            for (var k = 0; k < lines; k++)
            {
                var sku = retired && k == lines - 1 ? $"RETIRED-{i}" : skus[(i + k) % skus.Count];
                var price = (k % 4) switch { 0 => "$39.95", 1 => "1,039.95 USD", 2 => "USD 9.50", _ => "12" };
                rows.Add(csv.Record(number, Written(i), Date(i), Statuses[i % Statuses.Length], sku.ToLowerInvariant(), (1 + k).ToString(CultureInfo.InvariantCulture), price, ""));
            }

            if (!retired)
            {
                orders++;
                continue;
            }

            for (var k = 0; k < rows.Count; k++)
            {
                Reject("unknown SKU", "orders.csv", rows[k], k == rows.Count - 1 ? "unknown SKU" : "has a rejected line");
            }
        }

        if (faults)
        {
            Reject("bad date", "orders.csv", csv.Record("F-1", Email(2), "31/31/2024", "Completed", skus[0], "1", "$1.00", ""), "not a date");
            Reject("bad date", "orders.csv", csv.Record("F-2", Email(2), "yesterday", "Completed", skus[0], "1", "$1.00", ""), "not a date");
            Reject("zero quantity", "orders.csv", csv.Record("F-3", Email(4), "2024-01-01", "Completed", skus[0], "0", "$1.00", ""), "quantity is 0");
            Reject("ambiguous amount", "orders.csv", csv.Record("F-4", Email(4), "2024-01-01", "Completed", skus[0], "1", "12,50", ""), "ambiguous");
            Reject("unknown status", "orders.csv", csv.Record("F-5", Email(4), "2024-01-01", "lost in space", skus[0], "1", "$1.00", ""), "status");
            Reject("unknown customer", "orders.csv", csv.Record("F-6", "ghost@example.test", "2024-01-01", "Completed", skus[0], "1", "$1.00", ""), "no customer");
            Reject("missing fields", "orders.csv", csv.Record("F-7", Email(6)), "date is empty");
        }

        csv.SaveTo(Path.Combine(folder, "orders.csv"));
        return orders;
    }

    private (int Balances, long Accepted, long FilePoints, Dictionary<string, int> ByEmail) WriteLoyalty(string folder)
    {
        var csv = new CsvTextWriter("Email,Points");
        var byEmail = new Dictionary<string, int>(StringComparer.Ordinal);
        long accepted = 0, file = 0;
        for (var i = 0; i < customers; i += 3)
        {
            var points = (i * 37 % 5000) + 1;
            csv.Record(Written(i), points.ToString("N0", CultureInfo.InvariantCulture));
            byEmail[Email(i)] = points;
            accepted += points;
            file += points;
            if (faults && i % 300 == 0)
            {
                csv.Record(Email(i).ToUpperInvariant(), points.ToString(CultureInfo.InvariantCulture));
                _duplicates++;
                file += points;
            }

            if (faults && i % 450 == 6)
            {
                Reject("conflicting balance", "loyalty.csv", csv.Record(Email(i), (points + 10).ToString(CultureInfo.InvariantCulture)), "a second balance");
                file += points + 10;
            }

            if (i % 500 == 0)
            {
                csv.BlankLine();
            }
        }

        if (faults)
        {
            Reject("unknown customer", "loyalty.csv", csv.Record("nobody@example.test", "100"), "no customer");
            file += 100;
            Reject("bad points", "loyalty.csv", csv.Record(Email(1), "lots"), "not a whole number");
            Reject("negative points", "loyalty.csv", csv.Record(Email(2), "-5"), "not a whole number");
        }

        csv.SaveTo(Path.Combine(folder, "loyalty.csv"));
        return (byEmail.Count, accepted, file, byEmail);
    }

    private int WriteReferrals(string folder)
    {
        var csv = new CsvTextWriter("Referrer Email,Referred Email,Status,Date");
        var referrals = 0;
        for (var i = 11; i < customers; i += 10)
        {
            csv.Record(Written(i - 1), Written(i), i % 20 == 1 ? "completed" : "Pending", Date(i));
            referrals++;
        }

        if (faults)
        {
            Reject("self referral", "referrals.csv", csv.Record(Email(5), Email(5), "pending", ""), "refer themselves");
            Reject("unknown status", "referrals.csv", csv.Record(Email(5), Email(6), "maybe", ""), "status");
            Reject("referred twice", "referrals.csv", csv.Record(Email(3), Email(11), "pending", ""), "already referred");
        }

        csv.SaveTo(Path.Combine(folder, "referrals.csv"));
        return referrals;
    }

    private int WriteSubscribers(string folder)
    {
        var csv = new CsvTextWriter("Email,Consent Date");
        var subscribers = 0;
        for (var i = 0; i < customers; i += 4)
        {
            csv.Record(Written(i), Date(i));
            subscribers++;
            if (faults && i % 400 == 0)
            {
                csv.Record(Email(i).ToUpperInvariant(), Date(i + 1));
                _duplicates++;
            }
        }

        for (var j = 0; j < 50; j++)
        {
            csv.Record($"reader{j}@example.test", "2022-06-01");
            subscribers++;
        }

        if (faults)
        {
            Reject("no consent date", "subscribers.csv", csv.Record("noconsent@example.test", ""), "the date is empty");
            Reject("future consent", "subscribers.csv", csv.Record("future@example.test", "2999-01-01"), "in the future");
            Reject("broken quoting", "subscribers.csv", csv.RawLine("stray\"quote@example.test,2024-01-01"), "quote");
        }

        csv.SaveTo(Path.Combine(folder, "subscribers.csv"));
        return subscribers;
    }
}
