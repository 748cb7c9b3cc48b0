namespace PacificEdge.Grains.Integration.Email;

/// <summary>Delivers one rendered email (SMTP, or the sandbox that stores it).</summary>
public interface IEmailSender
{
    /// <exception cref="EmailDeliveryException">The relay refused the message or could not be reached; says whether trying again can help.</exception>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>One email to send.</summary>
/// <param name="To">Recipient address.</param>
/// <param name="Subject">One-line subject.</param>
/// <param name="TextBody">Plain-text part.</param>
/// <param name="HtmlBody">HTML part (styles inline).</param>
public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody)
{
    /// <summary>The template it came from; marketing kinds get List-Unsubscribe headers. Null for ad-hoc mail.</summary>
    public NotificationKind? Kind { get; init; }

    /// <summary>The notification key; when set, the Message-Id is derived from it, so every attempt carries the same one.</summary>
    public string? Key { get; init; }
}
