using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Orleans;
using PacificEdge.Grains.Interfaces.Catalog;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.WebFrontend.Security;

namespace PacificEdge.WebFrontend.Api.Admin;

/// <summary>/api/admin/products and /stock: the catalog with inactive products, product changes and stock counts (changes: admins only).</summary>
public static class AdminCatalogEndpoints
{
    public static void MapAdminCatalog(this RouteGroupBuilder group)
    {
        group.MapGet("/products", ListProductsAsync)
            .WithName("AdminListProducts").WithSummary("Every product, inactive ones included, sorted by SKU, with price, lot and certificate link.");
        group.MapPut("/products/{sku}", PutProductAsync)
            .WithName("AdminPutProduct").WithSummary("Creates the product (201) or replaces it (200): name, price in the store currency, lot, certificate link, description, active.")
            .Accepts<ProductRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAuthorization(Roles.AdminPolicy);
        group.MapPut("/products/{sku}/stock", SetStockAsync)
            .WithName("AdminSetStock").WithSummary("Sets the units on hand of a catalog product (a count or a delivery); reservations stay.")
            .Accepts<SetStockRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Roles.AdminPolicy);
        group.MapGet("/stock", ListStockAsync)
            .WithName("ListStock").WithSummary("Every SKU in the catalog with on-hand, reserved, available and sold units.");
    }

    private static async Task<Ok<IReadOnlyList<Product>>> ListProductsAsync(IGrainFactory grains)
    {
        var products = await grains.GetGrain<ICatalogGrain>(ICatalogGrain.CatalogKey).List(includeInactive: true);
        IReadOnlyList<Product> sorted = products.OrderBy(p => p.Sku, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(sorted);
    }

    private static async Task<Results<Ok<Product>, Created<Product>>> PutProductAsync(
        string sku, AdminBody<ProductRequest> body, IGrainFactory grains, IOptions<StoreSettings> store)
    {
        var request = body.Value;
        var catalog = grains.GetGrain<ICatalogGrain>(ICatalogGrain.CatalogKey);
        var existing = await catalog.Find(Ids.Require(sku, "SKU", 64));
        var product = new Product(
            sku, request.Name!.Trim(), new Money(request.Price!.Value, store.Value.Currency), request.Lot!.Trim(), request.CertificateUrl!.Trim(),
            request.Description?.Trim() ?? "", request.Active ?? true, existing?.Demo ?? false);
        var saved = await catalog.Upsert(product);
        return existing is null
            ? TypedResults.Created($"/api/admin/products/{Uri.EscapeDataString(sku)}", saved)
            : TypedResults.Ok(saved);
    }

    private static async Task<Results<Ok<InventorySnapshot>, ProblemHttpResult>> SetStockAsync(string sku, AdminBody<SetStockRequest> body, IGrainFactory grains)
    {
        var key = Ids.Require(sku, "SKU", 64);
        if (await grains.GetGrain<ICatalogGrain>(ICatalogGrain.CatalogKey).Find(key) is null)
        {
            // Stock for a SKU nobody can order would only hide a typo.
            return AdminProblems.NotFound("product_not_found", $"No product with SKU {key} is in the catalog.");
        }

        var request = body.Value;
        return TypedResults.Ok(await grains.GetGrain<IInventoryGrain>(key).SetOnHand(request.Units!.Value, request.Reason ?? "admin"));
    }

    private static async Task<Ok<IReadOnlyList<StockRow>>> ListStockAsync(IGrainFactory grains)
    {
        var products = await grains.GetGrain<ICatalogGrain>(ICatalogGrain.CatalogKey).List(includeInactive: true);
        var snapshots = await Task.WhenAll(products.Select(p => grains.GetGrain<IInventoryGrain>(p.Sku).Get()));
        IReadOnlyList<StockRow> rows = products
            .Zip(snapshots, (p, s) => new StockRow(p.Sku, p.Name, p.Active, s.OnHand, s.Reserved, s.Available, s.Sold))
            .OrderBy(r => r.Sku, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(rows);
    }
}
