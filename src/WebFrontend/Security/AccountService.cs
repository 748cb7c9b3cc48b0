using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.WebFrontend.Security;

/// <summary>Registration and password checks. Hashing is ASP.NET Core Identity's PBKDF2 hasher.</summary>
public sealed class AccountService(UserStore users, TimeProvider time)
{
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 128;

    /// <summary>The stored hash of an account that has no password yet: no password matches it.</summary>
    public const string NoPassword = "";

    private readonly PasswordHasher<UserAccount> _hasher = new();

    public async Task<UserAccount> RegisterAsync(string email, string password, string role, CancellationToken cancellationToken)
    {
        ValidateEmail(email);
        ValidatePassword(password);
        if (!Roles.IsValid(role))
        {
            throw new ValidationException($"Unknown role '{role}'.");
        }

        var account = new UserAccount("usr_" + Guid.NewGuid().ToString("N")[..20], email.Trim(), string.Empty, role, null, false);
        account = account with { PasswordHash = _hasher.HashPassword(account, password) };
        return await users.CreateAsync(account, cancellationToken)
            ? account
            : throw new ConflictException("An account with this email already exists.");
    }

    /// <summary>
    /// The customer account for <paramref name="email"/>, created without a password when there is none (an imported
    /// customer sets one through a <see cref="PasswordSetupTokens"/> link; until then no password signs in).
    /// </summary>
    public async Task<(UserAccount Account, bool Created)> EnsureCustomerWithoutPasswordAsync(string email, CancellationToken cancellationToken)
    {
        ValidateEmail(email);
        var account = new UserAccount("usr_" + Guid.NewGuid().ToString("N")[..20], email.Trim(), NoPassword, Roles.Customer, null, false);
        if (await users.CreateAsync(account, cancellationToken))
        {
            return (account, true);
        }

        var existing = await users.FindByEmailAsync(email.Trim(), cancellationToken)
            ?? throw new InvalidOperationException("The account exists but cannot be read back.");
        return (existing, false);
    }

    /// <summary>The hash to store for a new password of <paramref name="account"/>.</summary>
    public string HashPassword(UserAccount account, string password)
    {
        ValidatePassword(password);
        return _hasher.HashPassword(account, password);
    }

    /// <summary>The account when the password matches, else null (same answer for unknown emails).</summary>
    public async Task<UserAccount?> CheckPasswordAsync(string email, string password, CancellationToken cancellationToken)
    {
        var account = await users.FindByEmailAsync(email.Trim(), cancellationToken);
        if (account is null || account.PasswordHash == NoPassword)
        {
            // Hash anyway so an unknown email costs as much time as a wrong password.
            _hasher.HashPassword(new UserAccount("", "", "", Roles.Customer, null, false), password);
            return null;
        }

        var result = _hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await users.UpdatePasswordHashAsync(account.UserId, _hasher.HashPassword(account, password), cancellationToken);
        }

        return result == PasswordVerificationResult.Failed ? null : account;
    }

    public bool CheckTotp(UserAccount account, string? code)
        => account.TotpSecret is { } secret && code is { Length: 6 } && Totp.Verify(secret, code, time.GetUtcNow());

    public static void ValidateEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > 254 || !MailAddress.TryCreate(email.Trim(), out _))
        {
            throw new ValidationException("A valid email address is required.");
        }
    }

    public static void ValidatePassword(string? password)
    {
        if (password is null || password.Length < MinPasswordLength || password.Length > MaxPasswordLength)
        {
            throw new ValidationException($"Passwords must be {MinPasswordLength} to {MaxPasswordLength} characters long.");
        }
    }
}
