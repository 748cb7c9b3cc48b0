using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PacificEdge.WebFrontend.Data;
using PacificEdge.WebFrontend.Realtime;
using PacificEdge.WebFrontend.Security;

namespace PacificEdge.WebFrontend.Api.Admin;

/// <summary>/api/admin/alerts, /dashboard and /session: raised alerts with acknowledgement, the dashboard snapshot, who is signed in.</summary>
public static class AdminAlertEndpoints
{
    public static void MapAdminAlerts(this RouteGroupBuilder group)
    {
        group.MapGet("/alerts", ListAsync)
            .WithName("AdminListAlerts").WithSummary("Raised alerts newest first; open=true lists only those nobody acknowledged.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/alerts/{id:long}/acknowledge", AcknowledgeAsync)
            .WithName("AdminAcknowledgeAlert").WithSummary("Marks an alert as seen by the calling staff member (the first acknowledgement is kept).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/session", Session).AllowAnonymous()
            .WithName("AdminSession").WithSummary("Whether the caller is signed in, as whom and with which role (200 even when signed out).");
        group.MapGet("/dashboard", DashboardAsync)
            .WithName("AdminDashboard").WithSummary("Counters (orders per minute, revenue net of refunds in the store currency, failure rates), chart series, silos and activations.");
    }

    private static async Task<Ok<IReadOnlyList<Alert>>> ListAsync(int? limit, bool? open, AdminQueries queries, CancellationToken cancellationToken)
        => TypedResults.Ok(await queries.AlertsAsync(AdminPaging.Limit(limit), cancellationToken, open == true));

    private static async Task<Results<Ok<Alert>, ProblemHttpResult>> AcknowledgeAsync(
        long id, ClaimsPrincipal user, AdminQueries queries, TimeProvider time, CancellationToken cancellationToken)
        => await queries.AcknowledgeAlertAsync(id, user.UserId() ?? "unknown", time.GetUtcNow(), cancellationToken) is { } alert
            ? TypedResults.Ok(alert)
            : AdminProblems.NotFound("alert_not_found", $"There is no alert {id}.");

    private static Ok<AdminSession> Session(ClaimsPrincipal user)
    {
        if (user.UserId() is not { } userId)
        {
            return TypedResults.Ok(new AdminSession(false, false, null, null, null));
        }

        var role = user.IsInRole(Roles.Admin) ? Roles.Admin : user.IsInRole(Roles.Staff) ? Roles.Staff : Roles.Customer;
        return TypedResults.Ok(new AdminSession(true, user.IsStaff(), userId, user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name, role));
    }

    private static async Task<Ok<DashboardSnapshot>> DashboardAsync(DashboardService dashboard, CancellationToken cancellationToken)
        => TypedResults.Ok(await dashboard.SnapshotAsync(cancellationToken));
}
