using PacificEdge.Grains.Integration.Email;
using PacificEdge.WebFrontend.Security;

namespace PacificEdge.WebFrontend.Tests.Support;

/// <summary>Notes each account email's link in an <see cref="AccountMailbox"/>, then mails it as production does.</summary>
public sealed class CapturingAccountMailSender(IAccountMailSender inner, AccountMailbox mailbox) : IAccountMailSender
{
    public Task SendPasswordResetAsync(string email, string link, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        mailbox.Add(NotificationKind.PasswordReset, email, link);
        return inner.SendPasswordResetAsync(email, link, expiresAt, cancellationToken);
    }

    public Task SendRegistrationConfirmationAsync(string email, string link, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        mailbox.Add(NotificationKind.RegistrationConfirmation, email, link);
        return inner.SendRegistrationConfirmationAsync(email, link, expiresAt, cancellationToken);
    }

    public Task SendAlreadyRegisteredAsync(string email, string accountLink, CancellationToken cancellationToken)
    {
        mailbox.Add(NotificationKind.AlreadyRegistered, email, accountLink);
        return inner.SendAlreadyRegisteredAsync(email, accountLink, cancellationToken);
    }

    public Task SendSetPasswordInvitationAsync(string email, string link, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        mailbox.Add(NotificationKind.SetPasswordInvitation, email, link);
        return inner.SendSetPasswordInvitationAsync(email, link, expiresAt, cancellationToken);
    }
}
