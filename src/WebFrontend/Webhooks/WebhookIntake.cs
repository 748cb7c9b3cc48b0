using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using PacificEdge.WebFrontend.Data;

namespace PacificEdge.WebFrontend.Webhooks;

/// <summary>
/// What every webhook endpoint does once it has judged a call: a refusal is counted, logged and
/// recorded (for the dashboard's alert) and answered with a problem; an event is stored once,
/// queued for processing and acknowledged (202), or acknowledged as a duplicate (200).
/// </summary>
public sealed partial class WebhookIntake(WebhookStore store, WebhookQueue queue, WebhookMetrics metrics, ILogger<WebhookIntake> logger)
{
    public async Task<ProblemHttpResult> RejectAsync(string provider, string reason, int status, string detail)
    {
        metrics.Rejected(provider, reason);
        LogRejected(provider, reason);
        await store.RecordRejectionAsync(provider, reason, CancellationToken.None);
        return TypedResults.Problem(detail, statusCode: status, title: "Webhook rejected.",
            extensions: new Dictionary<string, object?> { ["code"] = $"webhook_{reason.ToLowerInvariant()}" });
    }

    public async Task<Results<Accepted<WebhookAck>, Ok<WebhookAck>, ProblemHttpResult>> AcceptAsync(
        string provider, string eventId, string eventType, string payload, CancellationToken cancellationToken)
    {
        var id = await store.TryStoreAsync(provider, eventId, eventType, payload, cancellationToken);
        metrics.Received(provider, duplicate: id is null);
        if (id is not { } stored)
        {
            return TypedResults.Ok(new WebhookAck(eventId, "duplicate"));
        }

        queue.Enqueue(stored);
        return TypedResults.Accepted((string?)null, new WebhookAck(eventId, "accepted"));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a {Provider} webhook: {Reason}")]
    private partial void LogRejected(string provider, string reason);
}
