
namespace PacificEdge.Grains.Interfaces.Catalog;

/// <summary>The product catalog (one grain, key <see cref="CatalogKey"/>).</summary>
[Alias("catalog")]
public interface ICatalogGrain : IGrainWithStringKey
{
    const string CatalogKey = "default";

    Task<IReadOnlyList<Product>> List(bool includeInactive);

    /// <summary>The product, or null when the SKU is unknown.</summary>
    Task<Product?> Find(string sku);

    /// <summary>Adds or replaces a product (validated).</summary>
    Task<Product> Upsert(Product product);

    /// <summary>Removes a product; returns whether it existed.</summary>
    Task<bool> Remove(string sku);

    /// <summary>Removes every product marked <see cref="Product.Demo"/>; returns their SKUs.</summary>
    Task<IReadOnlyList<string>> RemoveDemoProducts();
}
