using PacificEdge.Grains.Integration.Payments;

namespace PacificEdge.Simulators.Payments;

/// <summary>The sandbox payment gateway: how it decides and how it delivers its signed webhooks.</summary>
public sealed class PaymentSandboxOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Commerce:Payments:Sandbox";

    /// <summary>
    /// HMAC secret the sandbox signs webhooks with; the webhook endpoint must trust it. Required, at least 16
    /// characters, no default: set it from the environment (<c>Commerce__Payments__Sandbox__WebhookSecret</c>).
    /// </summary>
    public string WebhookSecret { get; set; } = string.Empty;

    /// <summary>Where <see cref="HttpPaymentWebhookTransport"/> posts events. Default the co-hosted silo's endpoint, <c>http://127.0.0.1:5080/webhooks/payments</c>.</summary>
    public Uri WebhookUrl { get; set; } = new("http://127.0.0.1:5080/webhooks/payments");

    /// <summary>Time between accepting a payment and sending its outcome. Default 200 ms; zero in tests.</summary>
    public TimeSpan DeliveryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Time before <c>tok_slow</c> succeeds (used instead of <see cref="DeliveryDelay"/>). Default 3 s.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Deliver every event this many extra times (same event id), as real gateways sometimes do. Default 0.</summary>
    public int DuplicateDeliveries { get; set; }

    /// <summary>
    /// After each <c>payment_intent.succeeded</c>, also deliver a stale <c>payment_intent.payment_failed</c> for the
    /// same payment (created one second earlier, as if from an earlier attempt), so consumers must cope with
    /// events out of order. Default false.
    /// </summary>
    public bool OutOfOrder { get; set; }

    /// <summary>
    /// Authorise only (<c>payment_intent.amount_capturable_updated</c>) and wait for <see cref="IPaymentGateway.CaptureAsync"/>
    /// before succeeding. Default false: payments are captured automatically.
    /// </summary>
    public bool ManualCapture { get; set; }

    /// <summary>Attempts per delivery when the transport throws (first try included). Default 8; at least 1.</summary>
    public int DeliveryMaxAttempts { get; set; } = 8;

    /// <summary>First retry delay of a failed delivery; grows exponentially with jitter. Default 1 s; zero allowed (tests).</summary>
    public TimeSpan DeliveryRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of one retry delay. Default 30 s.</summary>
    public TimeSpan DeliveryRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long disposal waits for pending deliveries before cancelling them. Default 5 s.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Timeout of one webhook POST. Default 10 s.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Durable sandbox only: a webhook still undelivered this long after it was written is abandoned, whatever its
    /// attempt count. Default 1 h.
    /// </summary>
    public TimeSpan DeliveryMaxAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Durable sandbox only: how long a claimed delivery is reserved for the process that claimed it; if that process
    /// dies, the webhook becomes due again after this. Default 1 min; must exceed <see cref="DeliveryTimeout"/>.
    /// </summary>
    public TimeSpan DeliveryLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Durable sandbox only: longest sleep of the delivery loop, so work written by another silo (or left by a dead one)
    /// is picked up. Work written in this process wakes the loop at once. Default 5 s (an idle pass is one batch: one round trip, one transaction).
    /// </summary>
    public TimeSpan DeliveryPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Durable sandbox only: webhooks (and payment decisions) claimed per pass. Default 50.</summary>
    public int DeliveryBatchSize { get; set; } = 50;
}
