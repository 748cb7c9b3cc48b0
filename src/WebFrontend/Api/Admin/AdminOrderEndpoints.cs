using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Orleans;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.WebFrontend.Data;
using PacificEdge.WebFrontend.Security;

namespace PacificEdge.WebFrontend.Api.Admin;

/// <summary>/api/admin/orders: list, search, detail, refund (admin), cancel, and the order's outbox.</summary>
public static class AdminOrderEndpoints
{
    public static void MapAdminOrders(this RouteGroupBuilder group)
    {
        group.MapGet("/orders", ListOrdersAsync)
            .WithName("AdminListOrders").WithSummary("Orders newest first, filtered by payment / fulfilment status, customer or dead-lettered effects, searched by part of an order or customer id.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/orders/{orderId}", GetOrderAsync)
            .WithName("AdminGetOrder").WithSummary("One order with its lines, customer email, shipping address, money and full timeline.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/orders/{orderId}/refund", RefundAsync)
            .WithName("AdminRefundOrder").WithSummary("Refunds part or all of a paid order (admins only); earned points are clawed back.")
            .Accepts<RefundRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Roles.AdminPolicy);
        group.MapPost("/orders/{orderId}/cancel", CancelAsync)
            .WithName("AdminCancelOrder").WithSummary("Cancels an order before it ships, with a reason for its timeline.")
            .Accepts<CancelRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/orders/{orderId}/effects", GetEffectsAsync)
            .WithName("GetOrderEffects").WithSummary("The side effects an order still owes (with retries) and those dead-lettered after too many failures.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/orders/{orderId}/effects/replay", ReplayEffectsAsync)
            .WithName("ReplayDeadLetteredEffects").WithSummary("Re-queues an order's dead-lettered effects with fresh attempts and runs them now.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Roles.AdminPolicy);
    }

    private static async Task<Ok<Page<OrderSummary>>> ListOrdersAsync(
        string? payment, string? fulfilment, string? customerId, bool? deadLettered, string? q, int? page, int? pageSize,
        OrderSummaryQueries queries, CancellationToken cancellationToken)
    {
        var (p, size) = ApiGuards.Paging(page, pageSize);
        var filter = new OrderFilter(
            string.IsNullOrEmpty(customerId) ? null : customerId,
            ApiGuards.EnumOrNull<PaymentStatus>(payment, "payment")?.ToString(),
            ApiGuards.EnumOrNull<FulfilmentStatus>(fulfilment, "fulfilment")?.ToString(),
            deadLettered == true,
            AdminPaging.Search(q));
        return TypedResults.Ok(await queries.ListAsync(filter, p, size, cancellationToken));
    }

    private static async Task<Ok<OrderView>> GetOrderAsync(string orderId, IGrainFactory grains)
        => TypedResults.Ok(await grains.GetGrain<IOrderGrain>(ApiGuards.OrderId(orderId)).Get());

    private static async Task<Ok<OrderView>> RefundAsync(string orderId, AdminBody<RefundRequest> body, IGrainFactory grains, IOptions<StoreSettings> store)
    {
        var request = body.Value;
        var order = grains.GetGrain<IOrderGrain>(ApiGuards.OrderId(orderId));
        return TypedResults.Ok(await order.Refund(new Money(request.Amount!.Value, store.Value.Currency), request.Reason!));
    }

    private static async Task<Ok<OrderView>> CancelAsync(string orderId, AdminBody<CancelRequest> body, IGrainFactory grains)
        => TypedResults.Ok(await grains.GetGrain<IOrderGrain>(ApiGuards.OrderId(orderId)).Cancel(body.Value.Reason ?? ""));

    private static async Task<Ok<OrderEffects>> GetEffectsAsync(string orderId, IGrainFactory grains)
        => TypedResults.Ok(await grains.GetGrain<IOrderGrain>(ApiGuards.OrderId(orderId)).GetEffects());

    private static async Task<Results<Ok<OrderEffects>, ProblemHttpResult>> ReplayEffectsAsync(string orderId, IGrainFactory grains)
    {
        var order = grains.GetGrain<IOrderGrain>(ApiGuards.OrderId(orderId));
        if ((await order.GetEffects()).DeadLettered.Count == 0)
        {
            return AdminProblems.Conflict("no_dead_lettered_effects", "Nothing to replay.", "The order has no dead-lettered effects.");
        }

        return TypedResults.Ok(await order.ReplayDeadLetteredEffects());
    }
}
