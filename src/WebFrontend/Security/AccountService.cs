using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Account operations the rest of the system needs, on Identity's <see cref="UserManager{TUser}"/> (a singleton that
/// takes a scope per call, so the import and the create-admin command can use it outside a request).
/// </summary>
public sealed class AccountService(IServiceScopeFactory scopes)
{
    /// <summary>The stored hash of an account that has no password yet: no password matches it.</summary>
    public const string NoPassword = "";

    /// <summary>
    /// Creates an account with a password that meets the policy, at once: for operators (create-admin, the first admin)
    /// and tests. Shoppers register through <see cref="AccountRegistration"/>, confirmed by an emailed link.
    /// </summary>
    /// <exception cref="ValidationException">Invalid email or role, or the password breaks the policy.</exception>
    /// <exception cref="ConflictException">The email has an account already.</exception>
    public async Task<UserAccount> RegisterAsync(string email, string password, string role, CancellationToken cancellationToken)
    {
        ValidateEmail(email);
        if (!Roles.IsValid(role))
        {
            throw new ValidationException($"Unknown role '{role}'.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var account = new UserAccount { Email = email.Trim(), Role = role };
        var result = await users.CreateAsync(account, password ?? string.Empty);
        if (IsDuplicate(result))
        {
            throw new ConflictException("An account with this email already exists.");
        }

        ThrowIfFailed(result);
        return account;
    }

    /// <summary>
    /// The customer account for <paramref name="email"/>, created without a password when there is none (an imported
    /// customer sets one through a <see cref="PasswordSetupTokens"/> link; until then no password signs in).
    /// </summary>
    public async Task<(UserAccount Account, bool Created)> EnsureCustomerWithoutPasswordAsync(string email, CancellationToken cancellationToken)
    {
        ValidateEmail(email);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var account = new UserAccount { Email = email.Trim(), Role = Roles.Customer };
        if ((await users.CreateAsync(account)).Succeeded)
        {
            return (account, true);
        }

        var existing = await users.FindByEmailAsync(email.Trim())
            ?? throw new InvalidOperationException("The account exists but cannot be read back.");
        return (existing, false);
    }

    /// <summary>Gives the account another role and a new security stamp, so its sessions end at their next check.</summary>
    public async Task ChangeRoleAsync(string userId, string role, CancellationToken cancellationToken)
    {
        if (!Roles.IsValid(role))
        {
            throw new ValidationException($"Unknown role '{role}'.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var account = await users.FindByIdAsync(userId) ?? throw new NotFoundException("No such account.");
        if (account.Role == role)
        {
            return;
        }

        ThrowIfFailed(await users.AddToRoleAsync(account, role));
        ThrowIfFailed(await users.UpdateSecurityStampAsync(account));
    }

    /// <summary>Whether creating an account failed because its email has an account already.</summary>
    public static bool IsDuplicate(IdentityResult result)
        => result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName));

    public static void ValidateEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > 254 || !MailAddress.TryCreate(email.Trim(), out _))
        {
            throw new ValidationException("A valid email address is required.");
        }
    }

    /// <summary>Turns Identity's failures (password policy, invalid email) into a 400 <c>validation_failed</c>.</summary>
    public static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new ValidationException(string.Join(" ", result.Errors.Select(e => e.Description).Distinct()));
        }
    }
}
