using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PacificEdge.Grains.Interfaces.Catalog;
using PacificEdge.Grains.Interfaces.Common;
using Orleans;

namespace PacificEdge.WebFrontend.Api;

/// <summary>/api/catalog: products with their lot, certificate of analysis and available stock.</summary>
public static class CatalogEndpoints
{
    public static RouteGroupBuilder MapCatalog(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/catalog").WithTags("Catalog");
        group.MapGet("/", ListAsync)
            .WithName("ListProducts").WithSummary("Products for sale with price, lot, certificate of analysis and units available.");
        group.MapGet("/{sku}", GetAsync)
            .WithName("GetProduct").WithSummary("One product for sale; an unknown or withdrawn SKU is a 404 (code unknown_sku).")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Ok<IReadOnlyList<ProductDto>>> ListAsync(IGrainFactory grains)
    {
        var products = await grains.GetGrain<ICatalogGrain>(ICatalogGrain.CatalogKey).List(includeInactive: false);
        var dtos = await Task.WhenAll(products.Select(p => ToDtoAsync(grains, p)));
        return TypedResults.Ok<IReadOnlyList<ProductDto>>(dtos);
    }

    private static async Task<Ok<ProductDto>> GetAsync(string sku, IGrainFactory grains)
    {
        var product = await grains.GetGrain<ICatalogGrain>(ICatalogGrain.CatalogKey).Find(Ids.Require(sku, "SKU", 64));
        return product is { Active: true }
            ? TypedResults.Ok(await ToDtoAsync(grains, product))
            : throw new UnknownSkuException($"SKU {sku} is not for sale.");
    }

    private static async Task<ProductDto> ToDtoAsync(IGrainFactory grains, Product p)
    {
        var stock = await grains.GetGrain<IInventoryGrain>(p.Sku).Get();
        return new ProductDto(p.Sku, p.Name, p.Price, p.Lot, p.CertificateUrl, p.Description, Math.Max(0, stock.Available));
    }
}
