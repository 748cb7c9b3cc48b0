using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PacificEdge.WebFrontend.Data;

namespace PacificEdge.WebFrontend.Webhooks;

/// <summary>
/// What every webhook endpoint does once it has judged a call: a refusal is counted, logged and
/// recorded (for the dashboard's alert) and answered with a problem; an event is stored once, already
/// claimed by this process (processing needs no claim of its own), queued for processing and
/// acknowledged (202), or acknowledged as a duplicate (200). Both spend their own budget (<see cref="WebhookAdmission"/>): past it, a 429 that costs no database row.
/// </summary>
public sealed partial class WebhookIntake(
    WebhookStore store, WebhookQueue queue, WebhookMetrics metrics, WebhookAdmission admission,
    IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookIntake> logger)
{
    public async Task<ProblemHttpResult> RejectAsync(HttpContext http, string provider, string reason, int status, string detail)
    {
        if (!admission.TryAdmitRefusal(http.Connection.RemoteIpAddress, out var retryAfter))
        {
            // Junk beyond its source's budget: counted, but neither logged one by one nor stored.
            metrics.Rejected(provider, "throttled");
            return TooManyRequests(http, retryAfter, "Too many refused webhook calls from this address. Try again later.");
        }

        metrics.Rejected(provider, reason);
        LogRejected(provider, reason);
        await store.RecordRejectionAsync(provider, reason, CancellationToken.None);
        return TypedResults.Problem(detail, statusCode: status, title: "Webhook rejected.",
            extensions: new Dictionary<string, object?> { ["code"] = $"webhook_{reason.ToLowerInvariant()}" });
    }

    public async Task<Results<Accepted<WebhookAck>, Ok<WebhookAck>, ProblemHttpResult>> AcceptAsync(
        HttpContext http, string provider, string eventId, string eventType, string payload, CancellationToken cancellationToken)
    {
        if (!admission.TryAdmitVerified(provider, out var retryAfter))
        {
            // Expected under a burst: the partner retries later, as its webhook contract says.
            LogThrottled(provider);
            return TooManyRequests(http, retryAfter, "Too many webhook events. Try again later.");
        }

        var stored = await store.TryStoreClaimedAsync(provider, eventId, eventType, payload, time.GetUtcNow() + options.Value.ProcessingLease, cancellationToken);
        metrics.Received(provider, duplicate: stored is null);
        if (stored is null)
        {
            return TypedResults.Ok(new WebhookAck(eventId, "duplicate"));
        }

        queue.EnqueueClaimed(stored);
        return TypedResults.Accepted((string?)null, new WebhookAck(eventId, "accepted"));
    }

    private static ProblemHttpResult TooManyRequests(HttpContext http, TimeSpan retryAfter, string detail)
    {
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds))).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.",
            extensions: new Dictionary<string, object?> { ["code"] = "rate_limited" });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a {Provider} webhook: {Reason}")]
    private partial void LogRejected(string provider, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deferred a verified {Provider} webhook: its budget for this minute is spent")]
    private partial void LogThrottled(string provider);
}
