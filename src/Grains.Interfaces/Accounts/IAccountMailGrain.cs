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
}
