namespace PacificEdge.Silo.Import.Planning;

/// <summary>A product line of an old-shop order; the name is the catalog's at import time.</summary>
public sealed record HistoricOrderLine(string Sku, string Name, int Quantity, decimal UnitPrice);
