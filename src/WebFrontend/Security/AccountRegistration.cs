using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Registration confirmed by email, so that registering never says whether an address has an account: a request only
/// sends mail (a confirmation link, "you already have an account", or an imported customer's set-password link) and
/// the account is created when the confirmation link comes back, by whoever reads that mailbox.
/// </summary>
public sealed class AccountRegistration(
    UserManager<UserAccount> users, PendingRegistrations pending, PasswordSetupTokens setupTokens, IAccountMailSender mail,
    AccountLinks links, IOptions<SecurityOptions> options, TimeProvider time)
{
    /// <summary>Checks the address and the password policy, then mails whichever email fits the address.</summary>
    /// <exception cref="ValidationException">Invalid email, or the password breaks the policy (the same for every address).</exception>
    public async Task RequestAsync(string? email, string? password, CancellationToken cancellationToken)
    {
        AccountService.ValidateEmail(email);
        var address = email!.Trim().ToLowerInvariant();
        var candidate = new UserAccount { Email = address, Role = Roles.Customer };
        foreach (var validator in users.PasswordValidators)
        {
            AccountService.ThrowIfFailed(await validator.ValidateAsync(users, candidate, password));
        }

        // Hashed whatever the address, so the time an answer takes says nothing about the account either.
        var passwordHash = users.PasswordHasher.HashPassword(candidate, password!);
        var existing = await users.FindByEmailAsync(address);
        if (existing is null)
        {
            var lifetime = options.Value.RegistrationLinkLifetime;
            var token = await pending.AddAsync(address, passwordHash, lifetime, cancellationToken);
            await mail.SendRegistrationConfirmationAsync(address, links.ConfirmRegistration(token), time.GetUtcNow() + lifetime, cancellationToken);
        }
        else if (await users.HasPasswordAsync(existing))
        {
            await mail.SendAlreadyRegisteredAsync(existing.Email, links.Account, cancellationToken);
        }
        else
        {
            // Imported from the old shop, no password yet: registering is how such a customer gets in.
            var lifetime = options.Value.PasswordResetLinkLifetime;
            var token = await setupTokens.IssueAsync(existing.UserId, lifetime, cancellationToken);
            await mail.SendSetPasswordInvitationAsync(existing.Email, links.SetPassword(token), time.GetUtcNow() + lifetime, cancellationToken);
        }
    }

    /// <summary>Redeems a confirmation link once: creates the customer account with the password chosen at registration.</summary>
    /// <exception cref="InvalidSetupTokenException">Unknown, used or expired link.</exception>
    /// <exception cref="ConflictException">The address got an account meanwhile (another registration's link was confirmed first).</exception>
    public async Task<UserAccount> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        var address = await pending.EmailOfAsync(token, cancellationToken);
        // Checked before spending, so every other pending link of the address keeps answering this, not "already used".
        if (await users.FindByEmailAsync(address) is not null)
        {
            throw AlreadyHasAccount();
        }

        var passwordHash = await pending.SpendAsync(token!, cancellationToken);
        var account = new UserAccount { Email = address, Role = Roles.Customer, PasswordHash = passwordHash, EmailConfirmed = true };
        var created = await users.CreateAsync(account);
        if (AccountService.IsDuplicate(created))
        {
            throw AlreadyHasAccount();
        }

        AccountService.ThrowIfFailed(created);
        return account;
    }

    // The link holder reads the mailbox, so saying so reveals nothing.
    private static ConflictException AlreadyHasAccount() => new("This email already has an account; sign in.");
}
