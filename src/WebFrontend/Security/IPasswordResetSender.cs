namespace PacificEdge.WebFrontend.Security;

/// <summary>Mails a password-reset link (the host provides it; the front end alone has no mail service).</summary>
public interface IPasswordResetSender
{
    Task SendAsync(string email, string link, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
