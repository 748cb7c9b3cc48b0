using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Orders;

/// <summary>An ordered product at the price the shopper accepted.</summary>
public sealed record OrderLine(string Sku, string Name, Money UnitPrice, int Quantity, string Lot)
{
    public Money LineTotal => UnitPrice * Quantity;
}
