using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PacificEdge.WebFrontend.Data;
using PacificEdge.WebFrontend.Security;
using PacificEdge.WebFrontend.Webhooks;

namespace PacificEdge.WebFrontend.Api.Admin;

/// <summary>/api/admin/webhooks and /emails: the stored webhook events with replay, the email log with resend (both admins only).</summary>
public static class AdminLogEndpoints
{
    public static void MapAdminLogs(this RouteGroupBuilder group)
    {
        group.MapGet("/webhooks", ListWebhooksAsync)
            .WithName("AdminListWebhooks").WithSummary("Stored webhook events newest first, optionally by status (Received, Processed, Failed, Abandoned).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/webhooks/{id:long}/replay", ReplayWebhookAsync)
            .WithName("AdminReplayWebhook").WithSummary("Re-queues a Failed or Abandoned webhook event for processing (admins only).")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Roles.AdminPolicy);
        group.MapGet("/emails", ListEmailsAsync)
            .WithName("AdminListEmails").WithSummary("The transactional email log newest first, optionally by status (Pending, Sent, Failed, Abandoned).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/emails/{id:long}/resend", ResendEmailAsync)
            .WithName("AdminResendEmail").WithSummary("Queues a logged email to be sent again with fresh attempts (admins only); refused while it is still Pending.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Roles.AdminPolicy);
    }

    private static async Task<Ok<IReadOnlyList<WebhookEvent>>> ListWebhooksAsync(string? status, int? limit, WebhookStore store, CancellationToken cancellationToken)
        => TypedResults.Ok(await store.ListAsync(AdminPaging.Status(status, "Received", "Processed", "Failed", "Abandoned"), AdminPaging.Limit(limit), cancellationToken));

    private static async Task<Results<Accepted, ProblemHttpResult>> ReplayWebhookAsync(long id, WebhookStore store, WebhookQueue queue, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await store.ReplayAsync(id, time.GetUtcNow(), cancellationToken))
        {
            return AdminProblems.Conflict("not_replayable", "Not replayable.", "Only failed or abandoned events can be replayed.");
        }

        queue.Enqueue(id);
        return TypedResults.Accepted("/api/admin/webhooks?status=Received");
    }

    private static async Task<Ok<IReadOnlyList<EmailLogRow>>> ListEmailsAsync(string? status, int? limit, AdminQueries queries, CancellationToken cancellationToken)
        => TypedResults.Ok(await queries.EmailsAsync(AdminPaging.Status(status, "Pending", "Sent", "Failed", "Abandoned"), AdminPaging.Limit(limit), cancellationToken));

    private static async Task<Results<Accepted, ProblemHttpResult>> ResendEmailAsync(long id, AdminQueries queries, TimeProvider time, CancellationToken cancellationToken)
        => await queries.RequeueEmailAsync(id, time.GetUtcNow(), cancellationToken)
            ? TypedResults.Accepted("/api/admin/emails?status=Pending")
            : AdminProblems.Conflict("not_resendable", "Not resendable.", "The email does not exist or is already queued (Pending).");
}
