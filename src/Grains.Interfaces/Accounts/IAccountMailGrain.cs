namespace PacificEdge.Grains.Interfaces.Accounts;

/// <summary>
/// Account emails the front end asks for (it has no mail service of its own): sent through the silo's notification
/// service, logged and retried like every other email. Stateless; use key 0.
/// </summary>
[Alias("account-mail")]
public interface IAccountMailGrain : IGrainWithIntegerKey
{
    /// <summary>Emails a password-reset link (the link carries a single-use token: never logged).</summary>
    Task SendPasswordReset(PasswordResetMail mail);

    /// <summary>Emails the link that confirms a registration and creates the account (single-use token: never logged).</summary>
    Task SendRegistrationConfirmation(AccountLinkMail mail);

    /// <summary>Tells the owner of an account that someone tried to register its address again; the link is the account page.</summary>
    Task SendAlreadyRegistered(AccountLinkMail mail);

    /// <summary>
    /// Emails a set-password link to an account that has no password yet (imported from the old shop) when its address
    /// registers: registering is how such a customer gets in. Single-use token: never logged.
    /// </summary>
    Task SendSetPasswordInvitation(AccountLinkMail mail);
}
