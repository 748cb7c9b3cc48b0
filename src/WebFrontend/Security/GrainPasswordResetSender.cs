using Microsoft.Extensions.Logging;
using Orleans;
using PacificEdge.Grains.Interfaces.Accounts;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Mails reset links through the silo's notification service (<see cref="IAccountMailGrain"/>): web processes have no
/// mail service. A failure is logged, not answered: the answer must not differ for addresses that have an account.
/// </summary>
public sealed partial class GrainPasswordResetSender(IGrainFactory grains, ILogger<GrainPasswordResetSender> logger) : IPasswordResetSender
{
    public async Task SendAsync(string email, string link, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IAccountMailGrain>(0).SendPasswordReset(new PasswordResetMail(email, link, expiresAt));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotSent(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A password-reset email could not be handed to a silo; the requester can ask again")]
    private partial void LogNotSent(Exception exception);
}
