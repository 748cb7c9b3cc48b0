namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// An account (table <c>users</c>), the user type of ASP.NET Core Identity here. The customer id of a customer is its
/// <see cref="UserId"/>. Identity's <c>UserManager</c> changes it through <see cref="PostgresUserStore"/>.
/// </summary>
public sealed class UserAccount
{
    public string UserId { get; init; } = "usr_" + Guid.NewGuid().ToString("N")[..20];

    public string Email { get; set; } = string.Empty;

    /// <summary>Identity's v3 PBKDF2 hash; <see cref="AccountService.NoPassword"/> (empty) when no password is set yet.</summary>
    public string PasswordHash { get; set; } = AccountService.NoPassword;

    /// <summary>One of <see cref="Roles"/>: an account has exactly one role.</summary>
    public string Role { get; set; } = Roles.Customer;

    public string? AuthenticatorKey { get; set; }

    public bool TwoFactorEnabled { get; set; }

    public string SecurityStamp { get; set; } = string.Empty;

    public bool EmailConfirmed { get; set; }

    public bool LockoutEnabled { get; set; } = true;

    public DateTimeOffset? LockoutEnd { get; set; }

    public int AccessFailedCount { get; set; }
}
