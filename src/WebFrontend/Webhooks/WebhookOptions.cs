namespace PacificEdge.WebFrontend.Webhooks;

/// <summary>Webhook receiving (section <c>Webhooks</c>). Secrets only from the environment.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Payment webhook secrets; several may be active during a rotation. When empty, the payment sandbox's secret is used.</summary>
    public List<string> PaymentSecrets { get; set; } = [];

    /// <summary>How far a payment webhook's timestamp may be from our clock, either way. Default 300 s.</summary>
    public TimeSpan PaymentTolerance { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Token the shipping platform sends (query <c>token</c> or header <c>X-Webhook-Token</c>). Required to accept shipping webhooks.</summary>
    public string ShippingToken { get; set; } = string.Empty;

    /// <summary>Hosts a shipping webhook's resource_url may point at. Default: the ShipStation API host.</summary>
    public List<string> ShippingAllowedHosts { get; set; } = ["ssapi.shipstation.com"];

    /// <summary>Largest webhook body accepted. Default 256 KiB (real events are a few KiB).</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Attempts before a failing event is abandoned (it stays replayable from the admin API). Default 8.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First retry delay; doubles per attempt up to <see cref="MaxRetryDelay"/>. Default 2 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Default 10 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Longest wait between scans for stored events that are due (retries, events left by a crash). A scan also wakes
    /// when the earliest event it saw falls due or this process schedules an earlier retry, so this bounds only how late
    /// work stored by another process after the last scan is found. Default 30 s (an idle scan is one transaction).
    /// </summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Events processed at once by this process (order per grain is kept by the grains themselves). Default 32.</summary>
    public int ProcessorConcurrency { get; set; } = 32;

    /// <summary>How long a processor holds an event before another may take it. Default 60 s.</summary>
    public TimeSpan ProcessingLease { get; set; } = TimeSpan.FromSeconds(60);
}
