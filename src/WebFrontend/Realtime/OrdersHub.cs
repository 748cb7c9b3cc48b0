using Microsoft.AspNetCore.SignalR;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;
using Orleans;
using PacificEdge.WebFrontend.Api;
using PacificEdge.WebFrontend.Security;

namespace PacificEdge.WebFrontend.Realtime;

/// <summary>
/// /hubs/orders: a shopper follows orders they may see (their own, a guest order with its token,
/// or any order for staff) and receives <c>orderStatus</c> with every change and its version.
/// Clients call <see cref="Follow"/> again after a reconnect and refetch when versions jump.
/// </summary>
public sealed class OrdersHub(IGrainFactory grains, OrderAccessTokens tokens) : Hub
{
    public const string Path = "/hubs/orders";
    public const string StatusMessage = "orderStatus";

    public static string GroupFor(string orderId) => "order:" + orderId;

    /// <summary>Joins the order's group; returns the order as it is now (the client's baseline version).</summary>
    public async Task<OrderView> Follow(string orderId, string? accessToken)
    {
        OrderView order;
        try
        {
            order = await OrderEndpoints.AuthorizedOrderAsync(grains, tokens, Context.User!, orderId, accessToken);
        }
        catch (NotFoundException)
        {
            throw new HubException("Order not found.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupFor(orderId));
        return order;
    }

    public Task Unfollow(string orderId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupFor(orderId));
}
