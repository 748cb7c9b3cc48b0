namespace PacificEdge.Grains.Integration.Email;

/// <summary>Delivers one rendered email (SMTP, or the sandbox that stores it).</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody);
