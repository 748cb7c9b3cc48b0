namespace PacificEdge.WebFrontend;

/// <summary>Front-end settings (section <c>Frontend</c>). Secrets only from the environment.</summary>
public sealed class FrontendOptions
{
    public const string SectionName = "Frontend";

    /// <summary>Origins allowed by CORS (e.g. a separate storefront domain). Default: none (same origin only).</summary>
    public List<string> CorsOrigins { get; set; } = [];

    /// <summary>Key for guest order access tokens (HMAC). From the environment; when empty a random per-process key is used (tokens then die with the process).</summary>
    public string OrderTokenKey { get; set; } = string.Empty;

    /// <summary>
    /// Addresses (e.g. <c>10.0.0.7</c>) or networks (CIDR, e.g. <c>10.244.0.0/16</c>) of the reverse proxies whose
    /// X-Forwarded-For / X-Forwarded-Proto are believed. Default: none, so the headers are ignored and the client
    /// address is the TCP peer (a client cannot pick its own address for rate limits).
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>
    /// Secret (at least 32 characters, from the environment) that seals the Data Protection key ring in PostgreSQL;
    /// the ring protects sign-in cookies. Equal on every web process. Required.
    /// </summary>
    public string KeyRingSecret { get; set; } = string.Empty;

    /// <summary>How long a guest order link (its signed token) works; the guest can ask for a fresh one by email. Default 30 days.</summary>
    public TimeSpan OrderLinkLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Largest request body accepted by the API. Default 64 KiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Rate limits.</summary>
    public RateLimitSettings RateLimits { get; set; } = new();

    /// <summary>Dashboard refresh and alert thresholds.</summary>
    public DashboardSettings Dashboard { get; set; } = new();
}

/// <summary>Per-endpoint rate limits (429 + Retry-After when exceeded).</summary>
public sealed class RateLimitSettings
{
    /// <summary>Login attempts per account and IP address in <see cref="LoginWindow"/>. Default 5.</summary>
    public int LoginAttempts { get; set; } = 5;

    /// <summary>Default 15 minutes.</summary>
    public TimeSpan LoginWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Checkouts per customer per minute. Default 10.</summary>
    public int CheckoutsPerMinute { get; set; } = 10;

    /// <summary>Verified webhook events stored per minute per provider. Default 1000.</summary>
    public int WebhooksPerMinute { get; set; } = 1000;

    /// <summary>Refused webhook calls (bad signature or token, malformed) recorded per minute per source address; beyond it a 429 that stores nothing. Default 30.</summary>
    public int WebhookRefusalsPerMinute { get; set; } = 30;

    /// <summary>Admin API calls per user per minute. Default 500.</summary>
    public int AdminPerMinute { get; set; } = 500;

    /// <summary>Requests for a fresh guest order link per client IP address per minute. Default 5.</summary>
    public int OrderLinksPerMinute { get; set; } = 5;
}

/// <summary>Live counters and alert thresholds for the admin dashboard.</summary>
public sealed class DashboardSettings
{
    /// <summary>
    /// How often counters are recomputed and pushed (and alert thresholds checked) when no order changes; an order
    /// event refreshes sooner. Default 10 s: an idle store costs the database half a query a second.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Alert when the payment failure rate over the last hour exceeds this. Default 0.05 (5 %).</summary>
    public double PaymentFailureRateThreshold { get; set; } = 0.05;

    /// <summary>Alert when more webhook failures than this happened in the last 5 minutes. Default 3.</summary>
    public int WebhookFailuresThreshold { get; set; } = 3;

    /// <summary>Alert when checkout p95 latency exceeds this. Default 1 s.</summary>
    public TimeSpan CheckoutP95Threshold { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The same alert is not raised again within this. Default 5 minutes.</summary>
    public TimeSpan AlertCooldown { get; set; } = TimeSpan.FromMinutes(5);
}
