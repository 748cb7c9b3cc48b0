namespace PacificEdge.WebFrontend.Security;

/// <summary>Mails a password-reset link (by default <see cref="GrainPasswordResetSender"/>; tests catch the links instead).</summary>
public interface IPasswordResetSender
{
    Task SendAsync(string email, string link, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
