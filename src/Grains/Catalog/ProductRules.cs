using PacificEdge.Grains.Interfaces.Catalog;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Catalog;

/// <summary>What a product must satisfy before it is sold.</summary>
internal static class ProductRules
{
    public static Product Validate(Product product, string currency)
    {
        Ids.Require(product.Sku, "SKU", 64);
        if (string.IsNullOrWhiteSpace(product.Name) || product.Name.Length > 200)
        {
            throw new ValidationException("Product name is required (at most 200 characters).");
        }

        if (product.Price.Currency != currency)
        {
            throw new ValidationException($"Product price must be in the store currency {currency}; got {product.Price.Currency}.");
        }

        if (product.Price.Amount <= 0m || product.Price.Amount != product.Price.Round().Amount)
        {
            throw new ValidationException($"Product price must be positive with at most two decimals; got {product.Price}.");
        }

        if (string.IsNullOrWhiteSpace(product.Lot) || product.Lot.Length > 64)
        {
            throw new ValidationException("Product lot (batch) is required (at most 64 characters).");
        }

        if (!Uri.TryCreate(product.CertificateUrl, UriKind.Absolute, out var coa) || coa.Scheme is not ("https" or "http"))
        {
            throw new ValidationException("Product certificate of analysis must be an absolute http(s) URL.");
        }

        return product with { Description = product.Description ?? string.Empty };
    }
}
