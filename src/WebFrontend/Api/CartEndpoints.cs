using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PacificEdge.Grains.Interfaces.Carts;
using PacificEdge.Grains.Interfaces.Common;
using Microsoft.Extensions.Options;
using Orleans;
using PacificEdge.WebFrontend.Data;
using PacificEdge.WebFrontend.Infrastructure.Telemetry;
using PacificEdge.WebFrontend.Realtime;
using PacificEdge.WebFrontend.Security;

namespace PacificEdge.WebFrontend.Api;

/// <summary>/api/carts: guest or signed-in carts (unguessable ids) and checkout with an Idempotency-Key.</summary>
public static class CartEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapCarts(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/carts").WithTags("Cart");
        group.MapPost("/", CreateAsync)
            .WithName("CreateCart").WithSummary("Creates an empty cart (attached to the signed-in customer, if any); its id is unguessable.");
        group.MapGet("/{cartId}", (string cartId, IGrainFactory grains) => GetAsync(grains, cartId))
            .WithName("GetCart").WithSummary("The cart's lines, subtotal and item count.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPost("/{cartId}/lines", AddLineAsync)
            .WithName("AddCartLine").WithSummary("Adds units of a product (1-99; merges with a line of the same SKU).")
            .ProducesBodyProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPut("/{cartId}/lines/{sku}", ChangeAsync)
            .WithName("ChangeCartLine").WithSummary("Sets the quantity of a line (1-99).")
            .ProducesBodyProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapDelete("/{cartId}/lines/{sku}", RemoveAsync)
            .WithName("RemoveCartLine").WithSummary("Removes a line from the cart.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPost("/{cartId}/checkout", CheckoutAsync).RequireRateLimiting(RateLimitPolicies.Checkout)
            .WithName("CheckoutCart")
            .WithSummary("Turns the cart into an order (reserves stock, redeems points); the Idempotency-Key header makes a retry return the same order.")
            .ProducesBodyProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests);
        return group;
    }

    private static async Task<Created<CartView>> CreateAsync(IGrainFactory grains, ClaimsPrincipal user)
    {
        var cartId = ApiGuards.NewCartId();
        var cart = grains.GetGrain<ICartGrain>(cartId);
        var view = user.UserId() is { } userId && user.FindFirstValue(ClaimTypes.Email) is { } email
            ? await cart.AttachCustomer(userId, email)
            : await cart.Get();
        return TypedResults.Created($"/api/carts/{cartId}", view);
    }

    private static async Task<Ok<CartView>> GetAsync(IGrainFactory grains, string cartId)
        => TypedResults.Ok(await grains.GetGrain<ICartGrain>(ApiGuards.CartId(cartId)).Get());

    private static async Task<Ok<CartView>> AddLineAsync(string cartId, AddLineRequest body, IGrainFactory grains)
    {
        var (sku, quantity) = ShopperRequestRules.Validate(body);
        return TypedResults.Ok(await grains.GetGrain<ICartGrain>(ApiGuards.CartId(cartId)).AddLine(sku, quantity));
    }

    private static async Task<Ok<CartView>> ChangeAsync(string cartId, string sku, ChangeQuantityRequest body, IGrainFactory grains)
        => TypedResults.Ok(await grains.GetGrain<ICartGrain>(ApiGuards.CartId(cartId)).ChangeQuantity(sku, ShopperRequestRules.Validate(body)));

    private static async Task<Ok<CartView>> RemoveAsync(string cartId, string sku, IGrainFactory grains)
        => TypedResults.Ok(await grains.GetGrain<ICartGrain>(ApiGuards.CartId(cartId)).RemoveLine(sku));

    private static async Task<Created<CheckoutResponse>> CheckoutAsync(
        string cartId,
        CheckoutBody body,
        HttpRequest request,
        ClaimsPrincipal user,
        IGrainFactory grains,
        OrderAccessTokens tokens,
        CheckoutLatency latency,
        CommerceMetrics metrics,
        GuestCheckoutSlots slots,
        IOptions<StoreSettings> store,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var key = request.Headers[IdempotencyHeader].ToString();
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new ValidationException($"The {IdempotencyHeader} header is required.");
        }

        ApiGuards.CartId(cartId);
        var userId = user.UserId();
        if (userId is null && body.PointsToRedeem != 0)
        {
            throw new ValidationException("Sign in to redeem points.");
        }

        var customerId = userId ?? "guest_" + cartId[5..25];
        var (email, shipTo) = ShopperRequestRules.Validate(body);
        var guest = userId is null;
        if (guest)
        {
            // Anyone can check out as a guest: bound the unpaid orders one email or one address holds.
            var limits = store.Value.GuestCheckout;
            await slots.ClaimAsync(new GuestCheckoutPolicy(limits), cartId, key, email,
                request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", time.GetUtcNow(), limits.PaymentTimeout, cancellationToken);
        }

        CheckoutResult result;
        try
        {
            result = await grains.GetGrain<ICartGrain>(cartId).Checkout(new CheckoutRequest(key, customerId, email, shipTo, body.PointsToRedeem, guest));
        }
        catch (CommerceException) when (guest)
        {
            // A rule said no and no order exists: the slot must not count against the shopper.
            await slots.ReleaseAsync(cartId, key, CancellationToken.None);
            throw;
        }

        if (guest)
        {
            await slots.CompleteAsync(cartId, key, result.OrderId, CancellationToken.None);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        latency.Record(elapsed);
        metrics.CheckoutCompleted(elapsed, guest, result.Replayed);
        var token = userId is null ? tokens.Issue(result.OrderId) : null;
        var url = token is null ? $"/order.html?id={result.OrderId}" : $"/order.html?id={result.OrderId}&token={token}";
        return TypedResults.Created($"/api/orders/{result.OrderId}", new CheckoutResponse(
            result.OrderId, result.Total, result.Discount, result.PointsRedeemed, result.Replayed, token, url));
    }
}
