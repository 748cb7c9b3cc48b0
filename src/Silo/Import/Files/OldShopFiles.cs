namespace PacificEdge.Silo.Import.Files;

/// <summary>The file names of the old shop's export and the columns each must have (docs/operations.md lists them all).</summary>
public static class OldShopFiles
{
    public const string Customers = "customers.csv";
    public const string Orders = "orders.csv";
    public const string Loyalty = "loyalty.csv";
    public const string Referrals = "referrals.csv";
    public const string Subscribers = "subscribers.csv";

    public static IReadOnlyList<string> All { get; } = [Customers, Orders, Loyalty, Referrals, Subscribers];

    /// <summary>Required columns per file (normalised names).</summary>
    public static IReadOnlyList<string> RequiredColumns(string file) => file switch
    {
        Customers => ["email"],
        Orders => ["order_number", "email", "order_date", "status", "sku", "quantity", "unit_price"],
        Loyalty => ["email", "points"],
        Referrals => ["referrer_email", "referred_email", "status"],
        Subscribers => ["email", "consent_date"],
        _ => throw new ArgumentOutOfRangeException(nameof(file), file, "Not an export file."),
    };
}
