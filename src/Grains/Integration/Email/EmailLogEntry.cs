namespace PacificEdge.Grains.Integration.Email;

/// <summary>One row of the email log.</summary>
/// <param name="Id">Row id.</param>
/// <param name="Key">The notification's idempotency key (unique).</param>
/// <param name="Kind">Template used.</param>
/// <param name="Recipient">To address.</param>
/// <param name="Subject">Rendered subject.</param>
/// <param name="TextBody">Rendered plain text.</param>
/// <param name="HtmlBody">Rendered HTML.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Attempts">Send attempts started so far.</param>
/// <param name="LastError">Why the last attempt failed.</param>
/// <param name="CreatedAt">When it was logged.</param>
/// <param name="NextAttemptAt">When an unsent message is next due (for one being sent: when its claim lapses).</param>
/// <param name="SentAt">When it was sent.</param>
public sealed record EmailLogEntry(
    long Id,
    string Key,
    NotificationKind Kind,
    string Recipient,
    string Subject,
    string TextBody,
    string HtmlBody,
    EmailStatus Status,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? SentAt)
{
    /// <summary>The message to hand to an <see cref="IEmailSender"/>.</summary>
    public EmailMessage ToMessage() => new(Recipient, Subject, TextBody, HtmlBody) { Kind = Kind, Key = Key };
}
