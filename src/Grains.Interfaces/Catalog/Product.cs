using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Catalog;

/// <summary>A product as sold: lab-tested, so every product carries its lot and certificate of analysis.</summary>
/// <param name="Sku">Stock keeping unit, the product's key.</param>
/// <param name="Name">Display name.</param>
/// <param name="Price">Unit price.</param>
/// <param name="Lot">The batch currently sold.</param>
/// <param name="CertificateUrl">Link to the certificate of analysis for that lot.</param>
/// <param name="Description">Short description.</param>
/// <param name="Active">Whether it can be added to carts.</param>
/// <param name="Demo">Seeded demo data (removed by the demo clean-up).</param>
[GenerateSerializer]
[Immutable]
[Alias("pe.catalog.product")]
public sealed record Product(
    [Id(0)] string Sku,
    [Id(1)] string Name,
    [Id(2)] Money Price,
    [Id(3)] string Lot,
    [Id(4)] string CertificateUrl,
    [Id(5)] string Description = "",
    [Id(6)] bool Active = true,
    [Id(7)] bool Demo = false);
