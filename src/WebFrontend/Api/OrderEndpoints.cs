using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Loyalty;
using PacificEdge.Grains.Interfaces.Orders;
using Orleans;
using PacificEdge.WebFrontend.Data;
using PacificEdge.WebFrontend.Security;

namespace PacificEdge.WebFrontend.Api;

/// <summary>/api/orders and /api/me: a shopper's own orders (or a guest's, with its signed token) and points.</summary>
public static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapShopperOrders(this IEndpointRouteBuilder routes)
    {
        var orders = routes.MapGroup("/api/orders").WithTags("Orders");
        orders.MapGet("/", MineAsync).RequireAuthorization()
            .WithName("MyOrders").WithSummary("The signed-in customer's orders, newest first (page, pageSize up to 100).")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized);
        orders.MapGet("/{orderId}", GetAsync)
            .WithName("GetOrder")
            .WithSummary("One order: items, totals, points, ship-to address, both statuses, tracking and the timeline. A guest passes the link's token; another shopper's order is a 404.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        orders.MapPost("/{orderId}/pay", PayAsync)
            .WithName("PayOrder").WithSummary("Starts a payment with a card token; the result arrives by webhook and is pushed over SignalR.")
            .ProducesBodyProblems(StatusCodes.Status402PaymentRequired, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        orders.MapPost("/{orderId}/access-link", RequestAccessLinkAsync)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.OrderLinks)
            .WithName("RequestOrderAccessLink")
            .WithSummary("Emails a fresh guest link to the order's address if the given email is the order's; always 202, so nobody learns which orders or emails exist.")
            .ProducesBodyProblems(StatusCodes.Status429TooManyRequests);

        var me = routes.MapGroup("/api/me").WithTags("Me").RequireAuthorization();
        me.MapGet("/points", async (ClaimsPrincipal user, IGrainFactory grains)
                => TypedResults.Ok(await grains.GetGrain<ICustomerWalletGrain>(user.UserId()!).Get()))
            .WithName("MyPoints").WithSummary("The signed-in customer's points balance and history.")
            .ProducesProblems(StatusCodes.Status401Unauthorized);
        me.MapGet("/imported-orders", async (ClaimsPrincipal user, ImportedOrderQueries history, CancellationToken cancellationToken)
                => TypedResults.Ok(await history.ForCustomerAsync(user.UserId()!, 500, cancellationToken)))
            .WithName("MyImportedOrders").WithSummary("The signed-in customer's order history from the old shop (read-only), newest first.")
            .ProducesProblems(StatusCodes.Status401Unauthorized);
        return routes;
    }

    /// <summary>Loads an order the caller may see: their own, a guest order with its token, or any order for staff.</summary>
    public static async Task<OrderView> AuthorizedOrderAsync(IGrainFactory grains, OrderAccessTokens tokens, ClaimsPrincipal user, string orderId, string? token)
    {
        ApiGuards.OrderId(orderId);
        var order = await grains.GetGrain<IOrderGrain>(orderId).Get();
        var allowed = user.IsStaff() || (user.UserId() is { } id && id == order.CustomerId) || tokens.IsValid(orderId, token);
        // Not "forbidden": another shopper must not even learn the order exists.
        return allowed ? order : throw new NotFoundException($"Order {orderId} does not exist.");
    }

    private static async Task<Ok<Page<OrderSummary>>> MineAsync(ClaimsPrincipal user, OrderSummaryQueries queries, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (p, size) = ApiGuards.Paging(page, pageSize);
        return TypedResults.Ok(await queries.ListAsync(new OrderFilter(CustomerId: user.UserId()), p, size, cancellationToken));
    }

    private static async Task<Ok<OrderView>> GetAsync(string orderId, string? token, ClaimsPrincipal user, IGrainFactory grains, OrderAccessTokens tokens)
        => TypedResults.Ok(await AuthorizedOrderAsync(grains, tokens, user, orderId, token));

    private static async Task<Accepted<AccessLinkResponse>> RequestAccessLinkAsync(
        string orderId, AccessLinkRequest? body, IGrainFactory grains, OrderAccessTokens tokens, IOptions<StoreSettings> store)
    {
        var email = ShopperRequestRules.Validate(body);

        // A malformed id cannot be an order: skip the grain, answer the same as for any other.
        if (ApiGuards.IsOrderId(orderId))
        {
            var link = $"{store.Value.PublicBaseUrl.TrimEnd('/')}/order.html?id={orderId}&token={tokens.Issue(orderId)}";
            await grains.GetGrain<IOrderGrain>(orderId).SendAccessLink(new OrderAccessLinkRequest(email, link));
        }

        return TypedResults.Accepted((string?)null, AccessLinkAccepted);
    }

    private static readonly AccessLinkResponse AccessLinkAccepted =
        new("If the email matches the order, a fresh link to it has been sent to that address.");

    private static async Task<Accepted<OrderView>> PayAsync(string orderId, string? token, PayRequest body, ClaimsPrincipal user, IGrainFactory grains, OrderAccessTokens tokens)
    {
        await AuthorizedOrderAsync(grains, tokens, user, orderId, token);
        var view = await grains.GetGrain<IOrderGrain>(orderId).Pay(ShopperRequestRules.Validate(body));
        return TypedResults.Accepted($"/api/orders/{orderId}", view);
    }
}
