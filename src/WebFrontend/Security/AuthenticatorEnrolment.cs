using Microsoft.AspNetCore.Identity;
using PacificEdge.Grains.Interfaces.Common;
using QRCoder;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Enrolling an authenticator app with Identity's key and token provider: a fresh key (shown as text, otpauth URI and
/// QR code), switched on only by a valid code from the app, which also hands out the recovery codes once.
/// </summary>
public sealed class AuthenticatorEnrolment
{
    public const string Issuer = "PacificEdge";
    public const int RecoveryCodeCount = 10;

    /// <summary>A new authenticator key for <paramref name="user"/> (replacing any earlier one, which stops working).</summary>
    public async Task<AuthenticatorSetup> BeginAsync(UserManager<UserAccount> users, UserAccount user)
    {
        if (user.TwoFactorEnabled)
        {
            throw new ConflictException("Two-factor sign-in is already enabled.");
        }

        AccountService.ThrowIfFailed(await users.ResetAuthenticatorKeyAsync(user));
        var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key was stored.");
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.Email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";
        return new AuthenticatorSetup(key, uri, QrSvg(uri));
    }

    /// <summary>Switches two-factor sign-in on when <paramref name="code"/> is a valid code for the new key; returns the recovery codes.</summary>
    public async Task<IReadOnlyList<string>> EnableAsync(UserManager<UserAccount> users, UserAccount user, string? code)
    {
        if (user.AuthenticatorKey is null || string.IsNullOrWhiteSpace(code)
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            throw new ValidationException("The code does not match; set up two-factor sign-in again.");
        }

        AccountService.ThrowIfFailed(await users.SetTwoFactorEnabledAsync(user, true));
        return [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
    }

    /// <summary>Switches two-factor sign-in off after checking the password; the key and the recovery codes stop working.</summary>
    public async Task DisableAsync(UserManager<UserAccount> users, UserAccount user, string? password)
    {
        if (!await users.CheckPasswordAsync(user, password ?? string.Empty))
        {
            throw new ValidationException("The password is wrong.");
        }

        AccountService.ThrowIfFailed(await users.SetTwoFactorEnabledAsync(user, false));
        AccountService.ThrowIfFailed(await users.ResetAuthenticatorKeyAsync(user));
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
    }

    public static string QrSvg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }
}

/// <summary>What the enrolment page shows: the key to type in, the URI and its QR code (SVG).</summary>
public sealed record AuthenticatorSetup(string Secret, string ProvisioningUri, string QrCodeSvg);
