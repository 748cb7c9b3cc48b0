namespace PacificEdge.Grains.Integration.Email;

/// <summary>Transactional email: how it is sent and how failed sends are retried.</summary>
public sealed class EmailOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Commerce:Email";

    /// <summary>Sandbox (default) or Smtp.</summary>
    public EmailMode Mode { get; set; } = EmailMode.Sandbox;

    /// <summary>Sender address, optionally with a display name. Default <c>Pacific Edge Labs &lt;orders@pacificedgelabs.example&gt;</c>.</summary>
    public string From { get; set; } = "Pacific Edge Labs <orders@pacificedgelabs.example>";

    /// <summary>
    /// HMAC key of the unsubscribe links in marketing mail (<see cref="UnsubscribeLinks"/>); from the environment only
    /// (<c>Commerce__Email__UnsubscribeKey</c>). Required (at least 16 characters) in Smtp mode, equal on every silo;
    /// in Sandbox mode an empty key means a random one per process.
    /// </summary>
    public string? UnsubscribeKey { get; set; }

    /// <summary>SMTP relay settings.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>How often the retry service looks for due messages. Default 30 s.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Send attempts per message before it is marked Abandoned. Default 8.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait after the first failed attempt; doubles per attempt. Default 1 minute.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Upper bound of the wait between attempts. Default 1 hour.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a message being sent is left alone. A message whose sender died mid-send (still Pending, or a
    /// Failed one being retried) becomes due again after this. Default 5 minutes; keep it above the SMTP timeout.
    /// </summary>
    public TimeSpan PendingGracePeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most messages one retry pass handles. Default 50.</summary>
    public int RetryBatchSize { get; set; } = 50;
}
