using System.Globalization;
using Orleans.Concurrency;
using PacificEdge.Grains.Integration.Email;
using PacificEdge.Grains.Interfaces.Accounts;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Accounts;

/// <summary>Sends account emails for the front end through <see cref="INotificationService"/> (logged, retried, sent once per key).</summary>
[GrainType("account-mail")]
[StatelessWorker]
public sealed class AccountMailGrain(INotificationService notifications) : Grain, IAccountMailGrain
{
    public Task SendPasswordReset(PasswordResetMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        return SendAsync("password-reset", NotificationKind.PasswordReset, new AccountLinkMail(mail.Email, mail.Link, mail.ExpiresAt), EmailModelKeys.SetPasswordUrl);
    }

    public Task SendRegistrationConfirmation(AccountLinkMail mail)
        => SendAsync("registration", NotificationKind.RegistrationConfirmation, mail, EmailModelKeys.ConfirmRegistrationUrl);

    public Task SendAlreadyRegistered(AccountLinkMail mail)
        => SendAsync("already-registered", NotificationKind.AlreadyRegistered, mail, EmailModelKeys.AccountUrl);

    public Task SendSetPasswordInvitation(AccountLinkMail mail)
        => SendAsync("set-password", NotificationKind.SetPasswordInvitation, mail, EmailModelKeys.SetPasswordUrl);

    private async Task SendAsync(string what, NotificationKind kind, AccountLinkMail mail, string linkKey)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (!Uri.TryCreate(mail.Link, UriKind.Absolute, out var link) || link.Scheme is not ("https" or "http"))
        {
            throw new ValidationException($"The link of a {kind} email must be an absolute http(s) URL.");
        }

        var model = new Dictionary<string, string> { [linkKey] = mail.Link };
        if (mail.ExpiresAt is { } expiresAt)
        {
            model[EmailModelKeys.LinkExpiresAt] = expiresAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        }

        // Each request is its own email (a fresh token each time), so the key is unique per request.
        await notifications.SendAsync(new Notification($"account:{what}:{Guid.NewGuid():N}", kind, mail.Email, model), CancellationToken.None);
    }
}
