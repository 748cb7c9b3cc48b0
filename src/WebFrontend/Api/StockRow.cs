namespace PacificEdge.WebFrontend.Api;

/// <summary>One SKU's books: physical stock, what unpaid orders hold, what can still be sold, and what was sold.</summary>
public sealed record StockRow(string Sku, string Name, bool Active, int OnHand, int Reserved, int Available, int Sold);
