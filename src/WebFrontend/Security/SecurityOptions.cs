namespace PacificEdge.WebFrontend.Security;

/// <summary>Account security settings (section <c>Security</c>), validated at start-up.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// Admins and staff must sign in with a second factor (authenticator app) to use staff features; without one they can
    /// only enrol. Default: on, except in the Development environment.
    /// </summary>
    public bool? RequireStaffTwoFactor { get; set; }

    /// <summary>Minimum password length. Default 12 (never below 12).</summary>
    public int MinPasswordLength { get; set; } = 12;

    /// <summary>Failed sign-ins (wrong password or code) that lock an account. Default 5.</summary>
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>How long a locked account stays locked. Default 15 minutes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A session ends after this long without a request (sliding). Default 1 hour.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A session ends this long after sign-in, however active. Default 12 hours.</summary>
    public TimeSpan SessionAbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How often a session (cookie or live SignalR connection) is checked against the account: ended session, new security
    /// stamp (sign out everywhere, password change), changed role. Default 1 minute.
    /// </summary>
    public TimeSpan SessionValidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed sign-ins per client address across all accounts in <c>Frontend:RateLimits:LoginWindow</c>. Default 20.</summary>
    public int LoginFailuresPerAddress { get; set; } = 20;

    /// <summary>Registrations and password-reset requests per client address per hour. Default 10.</summary>
    public int AccountRequestsPerAddressPerHour { get; set; } = 10;

    /// <summary>How long a password-reset or set-your-password link works. Default 1 hour.</summary>
    public TimeSpan PasswordResetLinkLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long the link that confirms a registration (and creates the account) works. Default 24 hours.</summary>
    public TimeSpan RegistrationLinkLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Addresses or CIDR networks allowed to reach /api/admin, /hubs/admin and the Orleans Dashboard. Empty (default): no
    /// address restriction. Behind an ingress, list it in <c>Frontend:TrustedProxies</c> so the client address is used.
    /// </summary>
    public List<string> AdminAllowList { get; set; } = [];

    public bool IsValid() => MinPasswordLength is >= 12 and <= 128 && LockoutThreshold > 0 && LockoutDuration > TimeSpan.Zero
        && SessionIdleTimeout > TimeSpan.Zero && SessionAbsoluteLifetime >= SessionIdleTimeout && SessionValidationInterval > TimeSpan.Zero
        && LoginFailuresPerAddress > 0 && AccountRequestsPerAddressPerHour > 0 && PasswordResetLinkLifetime > TimeSpan.Zero
        && RegistrationLinkLifetime > TimeSpan.Zero && AdminAllowList.All(TrustedProxies.IsValid);
}
