namespace PacificEdge.Silo.Import.Planning;

/// <summary>
/// Loyalty points in loyalty.csv: every row whose points column reads as a number counts in <see cref="File"/>, and
/// lands in exactly one of accepted, duplicate or rejected, so <c>File = Accepted + Duplicates + Rejected</c>.
/// </summary>
public sealed record PointTotals(long File, long Accepted, long Duplicates, long Rejected)
{
    public bool Balanced => File == Accepted + Duplicates + Rejected;
}
