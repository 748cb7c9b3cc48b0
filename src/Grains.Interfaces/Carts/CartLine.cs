using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Carts;

/// <summary>A cart line with the price as it was when the shopper added it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("pe.carts.cart-line")]
public sealed record CartLine([Id(0)] string Sku, [Id(1)] string Name, [Id(2)] Money UnitPrice, [Id(3)] int Quantity, [Id(4)] string Lot)
{
    public Money LineTotal => UnitPrice * Quantity;
}
