namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Mails account links (by default <see cref="GrainAccountMailSender"/>; tests catch the links). Links carry single-use
/// tokens: never logged. A failure to send is not reported to the caller, whose answer must not depend on the account.
/// </summary>
public interface IAccountMailSender
{
    /// <summary>"Forgot password": the link to choose a new one.</summary>
    Task SendPasswordResetAsync(string email, string link, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>A registration for an address without an account: the link that confirms it and creates the account.</summary>
    Task SendRegistrationConfirmationAsync(string email, string link, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>A registration for an address whose account has a password: "you already have one", with the account page.</summary>
    Task SendAlreadyRegisteredAsync(string email, string accountLink, CancellationToken cancellationToken);

    /// <summary>A registration for an account without a password (imported): the link to set its first password.</summary>
    Task SendSetPasswordInvitationAsync(string email, string link, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
