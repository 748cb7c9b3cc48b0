using System.Net.Mail;
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
        orders.MapGet("/", MineAsync).RequireAuthorization();
        orders.MapGet("/{orderId}", GetAsync);
        orders.MapPost("/{orderId}/pay", PayAsync);
        orders.MapPost("/{orderId}/access-link", RequestAccessLinkAsync)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.OrderLinks)
            .WithName("RequestOrderAccessLink")
            .WithSummary("Emails a fresh guest link to the order's address if the given email is the order's; always 202, so nobody learns which orders or emails exist.");

        var me = routes.MapGroup("/api/me").WithTags("Me").RequireAuthorization();
        me.MapGet("/points", async (ClaimsPrincipal user, IGrainFactory grains)
            => TypedResults.Ok(await grains.GetGrain<ICustomerWalletGrain>(user.UserId()!).Get()));
        me.MapGet("/imported-orders", async (ClaimsPrincipal user, ImportedOrderQueries history, CancellationToken cancellationToken)
                => TypedResults.Ok(await history.ForCustomerAsync(user.UserId()!, 500, cancellationToken)))
            .WithName("MyImportedOrders").WithSummary("The signed-in customer's order history from the old shop (read-only), newest first.");
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

    private static async Task<Results<Accepted<AccessLinkResponse>, ProblemHttpResult>> RequestAccessLinkAsync(
        string orderId, AccessLinkRequest? body, IGrainFactory grains, OrderAccessTokens tokens, IOptions<StoreSettings> store)
    {
        var email = body?.Email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 254 || !MailAddress.TryCreate(email, out _))
        {
            return TypedResults.Problem("A valid email address is required.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid request.");
        }

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
        var view = await grains.GetGrain<IOrderGrain>(orderId).Pay(body.CardToken ?? throw new ValidationException("cardToken is required."));
        return TypedResults.Accepted($"/api/orders/{orderId}", view);
    }
}
