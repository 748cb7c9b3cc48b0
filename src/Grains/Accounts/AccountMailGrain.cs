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
    public async Task SendPasswordReset(PasswordResetMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (!Uri.TryCreate(mail.Link, UriKind.Absolute, out var link) || link.Scheme is not ("https" or "http"))
        {
            throw new ValidationException("The password-reset link must be an absolute http(s) URL.");
        }

        var model = new Dictionary<string, string>
        {
            [EmailModelKeys.SetPasswordUrl] = mail.Link,
            [EmailModelKeys.LinkExpiresAt] = mail.ExpiresAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        };

        // Each request is its own email (a fresh token each time), so the key is unique per request.
        await notifications.SendAsync(
            new Notification($"account:password-reset:{Guid.NewGuid():N}", NotificationKind.PasswordReset, mail.Email, model), CancellationToken.None);
    }
}
