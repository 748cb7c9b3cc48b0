using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Orders;

/// <summary>An ordered product at the price the shopper accepted.</summary>
[GenerateSerializer]
[Immutable]
[Alias("pe.orders.order-line")]
public sealed record OrderLine([Id(0)] string Sku, [Id(1)] string Name, [Id(2)] Money UnitPrice, [Id(3)] int Quantity, [Id(4)] string Lot)
{
    public Money LineTotal => UnitPrice * Quantity;
}
