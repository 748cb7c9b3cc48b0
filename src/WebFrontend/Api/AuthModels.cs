namespace PacificEdge.WebFrontend.Api;

// Bodies and answers of /api/auth (see AuthEndpoints).

public sealed record RegisterRequest(string? Email, string? Password);

/// <summary>Body of POST /api/auth/confirm-registration: the token from the emailed registration link.</summary>
public sealed record ConfirmRegistrationRequest(string? Token);

/// <summary>Body of POST /api/auth/login. <see cref="TotpCode"/>: the authenticator code, or a recovery code, when two-factor sign-in is on.</summary>
public sealed record LoginRequest(string? Email, string? Password, string? TotpCode, string? RecoveryCode = null);

/// <summary>
/// The signed-in account. <see cref="TwoFactorSignedIn"/>: this session used a second factor; <see cref="MustEnrolTwoFactor"/>:
/// staff features stay closed until the account enrols an authenticator and signs in with it.
/// </summary>
public sealed record MeResponse(string UserId, string Email, string Role, bool TotpEnabled, bool TwoFactorSignedIn = false, bool MustEnrolTwoFactor = false);

/// <summary>Authenticator enrolment: the key to type in, the otpauth URI and the same as a QR code (SVG markup).</summary>
public sealed record TotpSetupResponse(string Secret, string ProvisioningUri, string QrCodeSvg);

public sealed record TotpCodeRequest(string? Code);

/// <summary>Body of POST /api/auth/totp/disable: the account's password.</summary>
public sealed record DisableTotpRequest(string? Password);

/// <summary>One-time recovery codes, shown once (each signs in once instead of an authenticator code).</summary>
public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);

/// <summary>Body of POST /api/auth/set-password: the token from the emailed link (first password or reset) and the new password.</summary>
public sealed record SetPasswordRequest(string? Token, string? Password);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record PasswordResetRequest(string? Email);

public sealed record AccountMessage(string Message);
