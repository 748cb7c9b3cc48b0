using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PacificEdge.WebFrontend.Api.Admin;
using PacificEdge.WebFrontend.Security;

namespace PacificEdge.WebFrontend.Api;

/// <summary>
/// /api/admin: staff see and act on orders, customers, logs and alerts; admins also refund, adjust points, change the
/// catalog and stock, replay webhooks and resend emails. Every 4xx is a problem with a stable <c>code</c>; write bodies
/// are read strictly (<see cref="AdminBody{T}"/>). The routes live in one small class per area under Api/Admin.
/// </summary>
public static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin").WithTags("Admin")
            .RequireAuthorization(Roles.StaffPolicy)
            .RequireRateLimiting(RateLimitPolicies.Admin)
            .AddEndpointFilter<AdminBodyFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapAdminOrders();
        group.MapAdminCatalog();
        group.MapAdminCustomers();
        group.MapAdminLogs();
        group.MapAdminAlerts();
        return group;
    }
}
