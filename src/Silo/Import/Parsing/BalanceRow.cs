using PacificEdge.Silo.Import.Files;

namespace PacificEdge.Silo.Import.Parsing;

/// <summary>A line of loyalty.csv: a customer's point balance when the old shop closed.</summary>
public sealed record BalanceRow(string Email, int Points)
{
    public const int MaxPoints = 10_000_000;

    public static Parsed<BalanceRow> Parse(CsvRow row)
        => !LegacyValues.TryEmail(row.Get("email"), out var email, out var error)
            || !LegacyValues.TryWholeNumber(row.Get("points", "balance"), MaxPoints, "points", out var points, out error)
            ? Parsed<BalanceRow>.Fail(row, error)
            : Parsed<BalanceRow>.Ok(row, new BalanceRow(email, points));

    /// <summary>The points of a row even when another column is bad, for the file's total (null when they do not parse).</summary>
    public static int? PointsOf(CsvRow row)
        => LegacyValues.TryWholeNumber(row.Get("points", "balance"), MaxPoints, "points", out var points, out _) ? points : null;
}
