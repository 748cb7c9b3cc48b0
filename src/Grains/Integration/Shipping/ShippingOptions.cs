namespace PacificEdge.Grains.Integration.Shipping;

/// <summary>The shipping platform (ShipStation-like): where, who, how fast, and how to cope with failures.</summary>
public sealed class ShippingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Commerce:Shipping";

    /// <summary>The most orders the platform's bulk create (<c>orders/createorders</c>) takes in one request.</summary>
    public const int MaxOrdersPerRequest = 100;

    /// <summary>Sandbox (default) or Live.</summary>
    public ShippingMode Mode { get; set; } = ShippingMode.Sandbox;

    /// <summary>
    /// API root. Default <c>https://ssapi.shipstation.com</c>; in Sandbox mode requests never leave the process, and
    /// the simulator's thin webhooks point at this host too (so the webhook host allow-list is the same in both modes).
    /// Live requires https.
    /// </summary>
    public Uri BaseUrl { get; set; } = new("https://ssapi.shipstation.com");

    /// <summary>API key (basic-auth user). Required in Live; from the environment (<c>Commerce__Shipping__ApiKey</c>).</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>API secret (basic-auth password). Required in Live; from the environment (<c>Commerce__Shipping__ApiSecret</c>).</summary>
    public string ApiSecret { get; set; } = string.Empty;

    /// <summary>
    /// The platform's request limit per API key and <see cref="RateLimitWindow"/>, honoured client-side (the shipment
    /// batcher's budget for the whole cluster, and each process's limiter) and enforced by the simulator. Default 40.
    /// </summary>
    public int RequestsPerMinute { get; set; } = 40;

    /// <summary>The window <see cref="RequestsPerMinute"/> counts over: one minute at ShipStation (default); only tests shorten it.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Orders per bulk create request, 1 to <see cref="MaxOrdersPerRequest"/>. Default 100.</summary>
    public int BatchSize { get; set; } = MaxOrdersPerRequest;

    /// <summary>
    /// How long the batcher waits after an order arrives at an empty queue for others to join it, when the batch is
    /// not full. Bounds a lone order's latency, with the spacing of a window / <see cref="RequestsPerMinute"/> after the
    /// previous request (docs/operations.md section 16). Default 250 ms.
    /// </summary>
    public TimeSpan BatchLinger { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long a shipment trusts the batcher with its order before offering it again (a lost batcher activation or
    /// a crashed silo only delays a push by this much). Default 2 minutes; longer than a full backlog normally waits.
    /// </summary>
    public TimeSpan HandOffTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Orders the batcher holds at most; beyond that it refuses hand-offs and the shipments offer them again later. Default 20,000.</summary>
    public int BatchBacklogLimit { get; set; } = 20_000;

    /// <summary>
    /// How long one request may wait for a client-side permit before failing as rate limited. Default 2 s.
    /// Together with <see cref="RetryAfterCap"/> it must stay below <see cref="RequestTimeout"/>: both waits are inside one attempt.
    /// </summary>
    public TimeSpan PermitWaitTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Requests that may queue for a permit; more fail at once as rate limited. Default 100.</summary>
    public int PermitQueueLimit { get; set; } = 100;

    /// <summary>Timeout of one attempt (the resilience handler's attempt timeout), its rate-limit waits included. Default 15 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Quick retries of a transient failure inside one call (not counting the first try). Default 3; 0 disables.</summary>
    public int RetryMaxAttempts { get; set; } = 3;

    /// <summary>First quick-retry delay; doubles per retry, with jitter. Default 200 ms; zero allowed (tests).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The longest a call waits in-process for the platform's limit: a 429 is retried when its Retry-After is at most
    /// this, and a window announced as used up (<c>X-Rate-Limit-Remaining: 0</c>) is waited out when it resets within
    /// this. A longer wait is left to the caller (reminder backoff) as <see cref="ShippingRateLimitedException"/>. Default 2 s.
    /// </summary>
    public TimeSpan RetryAfterCap { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Bound on one whole call, retries included (keeps a grain call well under its 30 s timeout); at least <see cref="RequestTimeout"/>. Default 20 s.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Failure ratio within <see cref="BreakerSamplingDuration"/> that opens the circuit. Default 0.5.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed in the sampling window before the circuit may open. Default 8; at least 2.</summary>
    public int BreakerMinimumThroughput { get; set; } = 8;

    /// <summary>Window over which failures are counted. Default 30 s; at least 0.5 s.</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit rejects calls before trying one. Default 30 s; at least 0.5 s.</summary>
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sandbox only: share of requests the simulator fails with 503. Default 0.</summary>
    public double SimulatorFailureRate { get; set; }

    /// <summary>Sandbox only: seed for the simulator's random failures (null: unseeded).</summary>
    public int? SimulatorSeed { get; set; }
}
