namespace PacificEdge.Grains.Integration.Payments.Stripe;

/// <summary>
/// Section <c>Commerce:Payments:Stripe</c>, validated at start-up when the provider is Stripe
/// (<see cref="StripePaymentOptionsValidator"/>). Keys and webhook secrets come only from the environment.
/// </summary>
public sealed class StripePaymentOptions
{
    public const string SectionName = "Commerce:Payments:Stripe";

    /// <summary><c>sk_test_…</c> outside Production, <c>sk_live_…</c> in Production (restricted <c>rk_</c> keys likewise).</summary>
    public string SecretKey { get; set; } = string.Empty;

    /// <summary>The key the browser's Stripe.js uses to tokenise cards (<c>pk_…</c>); not secret.</summary>
    public string PublishableKey { get; set; } = string.Empty;

    /// <summary>Webhook signing secrets (<c>whsec_…</c>); two while one is being rotated.</summary>
    public List<string> WebhookSecrets { get; set; } = [];

    /// <summary>Stripe's API by default; a local fake in tests.</summary>
    public Uri? ApiBase { get; set; }

    /// <summary>True: authorise only (<c>capture_method=manual</c>); the order captures once authorised. Default false.</summary>
    public bool ManualCapture { get; set; }

    /// <summary>Stripe.net's own retries (network errors, 409, 429 and 5xx where Stripe allows), same idempotency key. Default 2.</summary>
    public int MaxNetworkRetries { get; set; } = 2;

    /// <summary>Per HTTP request, each retry included. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Where Stripe sends the shopper back after 3-D Secure. When set, a challenge comes with a redirect URL the
    /// order can show; without it the shop's Stripe.js has to handle the challenge.
    /// </summary>
    public Uri? ReturnUrl { get; set; }

    /// <summary>Put before our idempotency keys, so keys of this shop never collide with another system's on the same account.</summary>
    public string IdempotencyKeyPrefix { get; set; } = "pacificedge:";
}
