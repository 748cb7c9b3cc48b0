using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PacificEdge.Grains.Interfaces.Catalog;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Loyalty;
using PacificEdge.Grains.Interfaces.Orders;
using Orleans;
using PacificEdge.WebFrontend.Data;
using PacificEdge.WebFrontend.Realtime;
using PacificEdge.WebFrontend.Security;
using PacificEdge.WebFrontend.Webhooks;

namespace PacificEdge.WebFrontend.Api;

/// <summary>/api/admin: staff see and act on orders; admins also refund, adjust points and change the catalog.</summary>
public static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin").WithTags("Admin")
            .RequireAuthorization(Roles.StaffPolicy)
            .RequireRateLimiting(RateLimitPolicies.Admin);

        group.MapGet("/orders", ListOrdersAsync);
        group.MapGet("/orders/{orderId}", async (string orderId, IGrainFactory grains)
            => TypedResults.Ok(await grains.GetGrain<IOrderGrain>(ApiGuards.OrderId(orderId)).Get()));
        group.MapPost("/orders/{orderId}/refund", async (string orderId, RefundRequest body, IGrainFactory grains, Microsoft.Extensions.Options.IOptions<StoreSettings> store)
            => TypedResults.Ok(await grains.GetGrain<IOrderGrain>(ApiGuards.OrderId(orderId)).Refund(new Money(body.Amount, store.Value.Currency), body.Reason ?? "")))
            .RequireAuthorization(Roles.AdminPolicy);
        group.MapPost("/orders/{orderId}/cancel", async (string orderId, CancelRequest body, IGrainFactory grains)
            => TypedResults.Ok(await grains.GetGrain<IOrderGrain>(ApiGuards.OrderId(orderId)).Cancel(body.Reason ?? "")));
        group.MapGet("/orders/{orderId}/effects", GetEffectsAsync)
            .WithName("GetOrderEffects").WithSummary("The side effects an order still owes (with retries) and those dead-lettered after too many failures.");
        group.MapPost("/orders/{orderId}/effects/replay", ReplayEffectsAsync)
            .WithName("ReplayDeadLetteredEffects").WithSummary("Re-queues an order's dead-lettered effects with fresh attempts and runs them now.")
            .RequireAuthorization(Roles.AdminPolicy);
        group.MapGet("/customers/{customerId}/imported-orders", async (string customerId, ImportedOrderQueries history, CancellationToken cancellationToken)
                => TypedResults.Ok(await history.ForCustomerAsync(Ids.Require(customerId, "Customer id"), 500, cancellationToken)))
            .WithName("CustomerImportedOrders").WithSummary("A customer's order history from the old shop (read-only), newest first.");
        group.MapPost("/customers/{customerId}/points", async (string customerId, AdjustPointsRequest body, IGrainFactory grains)
            => TypedResults.Ok(await grains.GetGrain<ICustomerWalletGrain>(Ids.Require(customerId, "Customer id"))
                .Adjust(body.Key ?? Guid.NewGuid().ToString("N"), body.Points, body.Reason ?? "")))
            .RequireAuthorization(Roles.AdminPolicy);
        group.MapGet("/customers/{customerId}/points", async (string customerId, IGrainFactory grains)
            => TypedResults.Ok(await grains.GetGrain<ICustomerWalletGrain>(Ids.Require(customerId, "Customer id")).Get()));

        group.MapPut("/products/{sku}", async (string sku, Product body, IGrainFactory grains)
            => sku == body.Sku
                ? TypedResults.Ok(await grains.GetGrain<ICatalogGrain>(ICatalogGrain.CatalogKey).Upsert(body))
                : throw new ValidationException("The SKU in the path and the body differ."))
            .RequireAuthorization(Roles.AdminPolicy);
        group.MapPut("/products/{sku}/stock", async (string sku, SetStockRequest body, IGrainFactory grains)
            => TypedResults.Ok(await grains.GetGrain<IInventoryGrain>(Ids.Require(sku, "SKU", 64)).SetOnHand(body.Units, body.Reason ?? "admin")))
            .RequireAuthorization(Roles.AdminPolicy);

        group.MapGet("/stock", ListStockAsync)
            .WithName("ListStock").WithSummary("Every SKU in the catalog with on-hand, reserved, available and sold units.");

        group.MapGet("/webhooks", async (string? status, int? limit, WebhookStore store, CancellationToken ct)
            => TypedResults.Ok(await store.ListAsync(Status(status, "Received", "Processed", "Failed", "Abandoned"), Limit(limit), ct)));
        group.MapPost("/webhooks/{id:long}/replay", ReplayAsync);
        group.MapGet("/emails", async (string? status, int? limit, AdminQueries queries, CancellationToken ct)
            => TypedResults.Ok(await queries.EmailsAsync(Status(status, "Pending", "Sent", "Failed", "Abandoned"), Limit(limit), ct)));
        group.MapGet("/alerts", async (int? limit, AdminQueries queries, CancellationToken ct) => TypedResults.Ok(await queries.AlertsAsync(Limit(limit), ct)));
        group.MapGet("/dashboard", async (DashboardService dashboard, CancellationToken ct) => TypedResults.Ok(await dashboard.SnapshotAsync(ct)));
        return group;
    }

    private static async Task<Ok<Page<OrderSummary>>> ListOrdersAsync(
        string? payment, string? fulfilment, string? customerId, bool? deadLettered, int? page, int? pageSize, OrderSummaryQueries queries, CancellationToken cancellationToken)
    {
        var (p, size) = ApiGuards.Paging(page, pageSize);
        var filter = new OrderFilter(
            customerId,
            ApiGuards.EnumOrNull<PaymentStatus>(payment, "payment")?.ToString(),
            ApiGuards.EnumOrNull<FulfilmentStatus>(fulfilment, "fulfilment")?.ToString(),
            deadLettered == true);
        return TypedResults.Ok(await queries.ListAsync(filter, p, size, cancellationToken));
    }

    private static async Task<Ok<OrderEffects>> GetEffectsAsync(string orderId, IGrainFactory grains)
        => TypedResults.Ok(await grains.GetGrain<IOrderGrain>(ApiGuards.OrderId(orderId)).GetEffects());

    private static async Task<Results<Ok<OrderEffects>, ProblemHttpResult>> ReplayEffectsAsync(string orderId, IGrainFactory grains)
    {
        var order = grains.GetGrain<IOrderGrain>(ApiGuards.OrderId(orderId));
        if ((await order.GetEffects()).DeadLettered.Count == 0)
        {
            return TypedResults.Problem("The order has no dead-lettered effects.", statusCode: StatusCodes.Status409Conflict, title: "Nothing to replay.",
                extensions: new Dictionary<string, object?> { ["code"] = "no_dead_lettered_effects" });
        }

        return TypedResults.Ok(await order.ReplayDeadLetteredEffects());
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

    private static async Task<Results<Accepted, ProblemHttpResult>> ReplayAsync(long id, WebhookStore store, WebhookQueue queue, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await store.ReplayAsync(id, time.GetUtcNow(), cancellationToken))
        {
            return TypedResults.Problem("Only failed or abandoned events can be replayed.", statusCode: 409, title: "Not replayable.");
        }

        queue.Enqueue(id);
        return TypedResults.Accepted($"/api/admin/webhooks?status=Received");
    }

    private static string? Status(string? value, params string[] allowed)
        => value is null || allowed.Contains(value) ? value : throw new ValidationException($"status must be one of: {string.Join(", ", allowed)}.");

    private static int Limit(int? limit) => limit is null ? 50 : limit is >= 1 and <= 500 ? limit.Value : throw new ValidationException("limit must be between 1 and 500.");
}
