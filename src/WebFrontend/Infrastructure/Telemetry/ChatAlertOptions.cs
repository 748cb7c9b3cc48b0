namespace PacificEdge.WebFrontend.Infrastructure.Telemetry;

/// <summary>Posting alerts to a chat channel (section <c>Alerts:Chat</c>); off unless a webhook URL is set.</summary>
public sealed class ChatAlertOptions
{
    public const string SectionName = "Alerts:Chat";

    /// <summary>
    /// Slack-compatible incoming-webhook URL (<c>{"text": …}</c> is posted). A secret: set it from the environment
    /// (<c>Alerts__Chat__WebhookUrl</c>); it is never logged. Empty (the default): alerts stay on the dashboard.
    /// </summary>
    public string WebhookUrl { get; set; } = string.Empty;

    /// <summary>Tries per alert before it is given up (logged as a warning). Default 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the second try; doubled each further try. Default 2 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Per-request timeout. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Alerts waiting to be posted; beyond it new ones are dropped (and logged) rather than held in memory. Default 100.</summary>
    public int QueueLimit { get; set; } = 100;

    /// <summary>Prefix of every message, so several stores can share a channel. Default <c>Pacific Edge</c>.</summary>
    public string Source { get; set; } = "Pacific Edge";

    public bool Enabled => WebhookUrl.Length > 0;

    public bool HasValidUrl => !Enabled
        || (Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));
}
