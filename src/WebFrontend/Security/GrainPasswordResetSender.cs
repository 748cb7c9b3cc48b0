using Orleans;
using PacificEdge.Grains.Interfaces.Accounts;

namespace PacificEdge.WebFrontend.Security;

/// <summary>Mails reset links through the silo's notification service (<see cref="IAccountMailGrain"/>): web processes have no mail service.</summary>
public sealed class GrainPasswordResetSender(IGrainFactory grains) : IPasswordResetSender
{
    public Task SendAsync(string email, string link, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        => grains.GetGrain<IAccountMailGrain>(0).SendPasswordReset(new PasswordResetMail(email, link, expiresAt));
}
