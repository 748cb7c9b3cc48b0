using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Carts;

/// <summary>A cart line with the price as it was when the shopper added it.</summary>
public sealed record CartLine(string Sku, string Name, Money UnitPrice, int Quantity, string Lot)
{
    public Money LineTotal => UnitPrice * Quantity;
}
