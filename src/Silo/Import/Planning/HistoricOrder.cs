using PacificEdge.Silo.Import.Parsing;

namespace PacificEdge.Silo.Import.Planning;

/// <summary>An old-shop order assembled from its lines in orders.csv.</summary>
public sealed record HistoricOrder(
    string OrderNumber, string Email, DateTimeOffset OrderedAt, HistoricOrderStatus Status, string Currency, IReadOnlyList<HistoricOrderLine> Lines)
{
    public decimal Total => Lines.Sum(l => l.UnitPrice * l.Quantity);
}
