using Microsoft.Extensions.Logging;
using Orleans;
using PacificEdge.Grains.Interfaces.Accounts;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Mails account links through the silo's notification service (<see cref="IAccountMailGrain"/>): web processes have no
/// mail service. A failure is logged, not answered: the answer must not differ for addresses that have an account.
/// </summary>
public sealed partial class GrainAccountMailSender(IGrainFactory grains, ILogger<GrainAccountMailSender> logger) : IAccountMailSender
{
    private IAccountMailGrain Mail => grains.GetGrain<IAccountMailGrain>(0);

    public Task SendPasswordResetAsync(string email, string link, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        => TrySendAsync("password-reset", () => Mail.SendPasswordReset(new PasswordResetMail(email, link, expiresAt)));

    public Task SendRegistrationConfirmationAsync(string email, string link, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        => TrySendAsync("registration", () => Mail.SendRegistrationConfirmation(new AccountLinkMail(email, link, expiresAt)));

    public Task SendAlreadyRegisteredAsync(string email, string accountLink, CancellationToken cancellationToken)
        => TrySendAsync("already-registered", () => Mail.SendAlreadyRegistered(new AccountLinkMail(email, accountLink, ExpiresAt: null)));

    public Task SendSetPasswordInvitationAsync(string email, string link, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        => TrySendAsync("set-password", () => Mail.SendSetPasswordInvitation(new AccountLinkMail(email, link, expiresAt)));

    private async Task TrySendAsync(string kind, Func<Task> send)
    {
        try
        {
            await send();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotSent(ex, kind);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {MailKind} email could not be handed to a silo; the requester can ask again")]
    private partial void LogNotSent(Exception exception, string mailKind);
}
