using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Orleans;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Loyalty;
using PacificEdge.WebFrontend.Data;
using PacificEdge.WebFrontend.Security;

namespace PacificEdge.WebFrontend.Api.Admin;

/// <summary>/api/admin/customers: search, a customer's orders and wallet, points adjustments and roles (admins only), imported history.</summary>
public static class AdminCustomerEndpoints
{
    private const int RecentOrders = 20;

    public static void MapAdminCustomers(this RouteGroupBuilder group)
    {
        group.MapGet("/customers", SearchAsync)
            .WithName("AdminListCustomers").WithSummary("Accounts newest first, searched by part of the email or id, with their order counts.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/customers/{customerId}", GetAsync)
            .WithName("AdminGetCustomer").WithSummary("One account with its wallet (balance, held points, ledger) and its latest orders.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/customers/{customerId}/points", GetWalletAsync)
            .WithName("AdminGetWallet").WithSummary("A customer's wallet: balance, held points, next expiry and the ledger.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/customers/{customerId}/points", AdjustPointsAsync)
            .WithName("AdminAdjustPoints").WithSummary("Adds (positive) or takes (negative) points with a reason (admins only); the same key is applied once.")
            .Accepts<AdjustPointsRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Roles.AdminPolicy);
        group.MapPut("/customers/{customerId}/role", ChangeRoleAsync)
            .WithName("AdminChangeRole").WithSummary("Makes the account Admin, Staff or Customer (admins only, not their own); its sessions end within a minute.")
            .Accepts<ChangeRoleRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Roles.AdminPolicy);
        group.MapGet("/customers/{customerId}/imported-orders", ImportedOrdersAsync)
            .WithName("CustomerImportedOrders").WithSummary("A customer's order history from the old shop (read-only), newest first.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<Ok<Page<CustomerRow>>> SearchAsync(string? q, int? page, int? pageSize, CustomerDirectory customers, CancellationToken cancellationToken)
    {
        var (p, size) = ApiGuards.Paging(page, pageSize);
        return TypedResults.Ok(await customers.SearchAsync(AdminPaging.Search(q), p, size, cancellationToken));
    }

    private static async Task<Results<Ok<AdminCustomerDetail>, ProblemHttpResult>> GetAsync(
        string customerId, CustomerDirectory customers, OrderSummaryQueries orders, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var id = Ids.Require(customerId, "Customer id");
        if (await customers.FindAsync(id, cancellationToken) is not { } customer)
        {
            return AdminProblems.NotFound("customer_not_found", $"There is no customer {id}.");
        }

        var wallet = await grains.GetGrain<ICustomerWalletGrain>(id).Get();
        var recent = await orders.ListAsync(new OrderFilter(CustomerId: id), 1, RecentOrders, cancellationToken);
        return TypedResults.Ok(new AdminCustomerDetail(customer, wallet, recent.Items));
    }

    private static async Task<Ok<WalletView>> GetWalletAsync(string customerId, IGrainFactory grains)
        => TypedResults.Ok(await grains.GetGrain<ICustomerWalletGrain>(Ids.Require(customerId, "Customer id")).Get());

    private static async Task<Ok<WalletView>> AdjustPointsAsync(string customerId, AdminBody<AdjustPointsRequest> body, IGrainFactory grains)
    {
        var request = body.Value;
        var wallet = grains.GetGrain<ICustomerWalletGrain>(Ids.Require(customerId, "Customer id"));
        return TypedResults.Ok(await wallet.Adjust(request.Key ?? Guid.NewGuid().ToString("N"), request.Points!.Value, request.Reason!.Trim()));
    }

    private static async Task<Results<Ok<CustomerRow>, ProblemHttpResult>> ChangeRoleAsync(
        string customerId, AdminBody<ChangeRoleRequest> body, ClaimsPrincipal user, AccountService accounts, CustomerDirectory customers, CancellationToken cancellationToken)
    {
        var id = Ids.Require(customerId, "Customer id");
        if (id == user.UserId())
        {
            // An admin demoting themselves could leave the shop with no admin; another admin does it.
            throw new ConflictException("You cannot change your own role; ask another admin.");
        }

        await accounts.ChangeRoleAsync(id, body.Value.Role!, cancellationToken);
        return await customers.FindAsync(id, cancellationToken) is { } changed
            ? TypedResults.Ok(changed)
            : AdminProblems.NotFound("customer_not_found", $"There is no customer {id}.");
    }

    private static async Task<Ok<IReadOnlyList<ImportedOrder>>> ImportedOrdersAsync(string customerId, ImportedOrderQueries history, CancellationToken cancellationToken)
        => TypedResults.Ok(await history.ForCustomerAsync(Ids.Require(customerId, "Customer id"), 500, cancellationToken));
}
