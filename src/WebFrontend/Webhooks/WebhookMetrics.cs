using System.Diagnostics.Metrics;

namespace PacificEdge.WebFrontend.Webhooks;

/// <summary>Webhook counters (meter <c>PacificEdge.Webhooks</c>): accepted, duplicates, rejections by reason, processing failures.</summary>
public sealed class WebhookMetrics
{
    public const string MeterName = "PacificEdge.Webhooks";

    private readonly Counter<long> _received;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _failed;

    public WebhookMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _received = meter.CreateCounter<long>("pacificedge.webhooks.received", description: "Webhook events accepted, by provider and outcome (stored or duplicate).");
        _rejected = meter.CreateCounter<long>("pacificedge.webhooks.rejected", description: "Webhook calls refused, by provider and reason.");
        _failed = meter.CreateCounter<long>("pacificedge.webhooks.processing_failed", description: "Webhook processing attempts that failed.");
    }

    public void Received(string provider, bool duplicate) => _received.Add(1, new("provider", provider), new("outcome", duplicate ? "duplicate" : "stored"));

    public void Rejected(string provider, string reason) => _rejected.Add(1, new("provider", provider), new("reason", reason));

    public void ProcessingFailed(string provider) => _failed.Add(1, new KeyValuePair<string, object?>("provider", provider));
}
