using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.WebFrontend.Security;

namespace PacificEdge.WebFrontend.Api;

/// <summary>
/// /api/auth on ASP.NET Core Identity: register (confirmed by an emailed link), sign in (password, then an authenticator or recovery code when two-factor
/// sign-in is on), sign out here or everywhere, change or reset the password, enrol an authenticator. Failed sign-ins
/// all get the same answer, whether the account exists, the password is wrong or the account is locked; registrations and
/// password-reset requests too, whether the address has an account or not.
/// </summary>
public static class AuthEndpoints
{
    private const string SignInFailed = "The email or password is wrong, or the account is locked for a while after too many attempts.";

    private static readonly AccountMessage RegistrationAccepted =
        new("Check your email: we have sent a link to finish creating your account (if you already have one, the email says how to sign in). The link works once, for a limited time.");

    private static readonly AccountMessage ResetAccepted =
        new("If an account uses this address, a link to choose a new password is on its way. It works once, for a limited time.");

    public static RouteGroupBuilder MapAuth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/register", RegisterAsync).RequireRateLimiting(AccountRateLimits.Policy)
            .WithName("Register").WithSummary("Checks the password policy, then emails a link that creates the account; the same answer for any address.");
        group.MapPost("/confirm-registration", ConfirmRegistrationAsync)
            .RequireRateLimiting(RateLimitPolicies.OrderLinks)
            .WithName("ConfirmRegistration").WithSummary("Creates the customer account from an emailed registration link (single use, expires) and signs in.");
        group.MapPost("/login", LoginAsync)
            .WithName("SignIn").WithSummary("Signs in with email and password, plus an authenticator or recovery code when two-factor sign-in is on.");
        group.MapPost("/logout", LogoutAsync)
            .WithName("SignOut").WithSummary("Ends this session: the cookie stops working, also where it was copied.");
        group.MapPost("/logout-everywhere", LogoutEverywhereAsync).RequireAuthorization()
            .WithName("SignOutEverywhere").WithSummary("Ends every session of the account, including live hub connections (within a minute).");
        group.MapPost("/change-password", ChangePasswordAsync).RequireAuthorization()
            .WithName("ChangePassword").WithSummary("Changes the password; the account's other sessions end.");
        group.MapPost("/password-reset", RequestPasswordResetAsync).RequireRateLimiting(AccountRateLimits.Policy)
            .WithName("RequestPasswordReset").WithSummary("Emails a single-use, expiring link to choose a new password; the same answer for any address.");
        group.MapPost("/set-password", SetPasswordAsync)
            .RequireRateLimiting(RateLimitPolicies.OrderLinks)
            .WithName("SetPassword").WithSummary("Sets the password from an emailed link (first password or reset; single use, expires) and signs in.");
        group.MapGet("/me", MeAsync).RequireAuthorization()
            .WithName("Me").WithSummary("The signed-in account.");
        group.MapPost("/totp/setup", SetupTotpAsync).RequireAuthorization()
            .WithName("BeginAuthenticatorEnrolment").WithSummary("A new authenticator key with its otpauth URI and QR code (SVG).");
        group.MapPost("/totp/enable", EnableTotpAsync).RequireAuthorization()
            .WithName("EnableAuthenticator").WithSummary("Turns two-factor sign-in on with a code from the app; answers the recovery codes (shown once).");
        group.MapPost("/totp/disable", DisableTotpAsync).RequireAuthorization()
            .WithName("DisableAuthenticator").WithSummary("Turns two-factor sign-in off (needs the password); the key and recovery codes stop working.");
        group.MapPost("/totp/recovery-codes", NewRecoveryCodesAsync).RequireAuthorization()
            .WithName("NewRecoveryCodes").WithSummary("Replaces the recovery codes (the old ones stop working).");
        return group;
    }

    private static async Task<Accepted<AccountMessage>> RegisterAsync(
        RegisterRequest body, AccountRegistration registration, CancellationToken cancellationToken)
    {
        await registration.RequestAsync(body.Email, body.Password, cancellationToken);
        return TypedResults.Accepted((string?)null, RegistrationAccepted);
    }

    private static async Task<Created<MeResponse>> ConfirmRegistrationAsync(
        ConfirmRegistrationRequest body, AccountRegistration registration, SessionSignIn sessions, HttpContext context, CancellationToken cancellationToken)
    {
        var account = await registration.ConfirmAsync(body.Token, cancellationToken);
        await sessions.SignInAsync(context, account, twoFactor: false, cancellationToken);
        return TypedResults.Created("/api/auth/me", Me(account, twoFactor: false, context.RequestServices));
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest body, UserManager<UserAccount> users, SignInManager<UserAccount> signIn, SessionSignIn sessions,
        LoginThrottle throttle, HttpContext context, CancellationToken cancellationToken)
    {
        var email = body.Email ?? "";
        AccountService.ValidateEmail(email);
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.TryAttempt(email, address) is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Problem(429, "too_many_attempts", "Too many requests.", "Too many sign-in attempts. Try again later.");
        }

        var account = await users.FindByEmailAsync(email.Trim());
        if (account is null || !await users.HasPasswordAsync(account))
        {
            // Hash anyway so an unknown email costs as much time as a wrong password.
            users.PasswordHasher.HashPassword(new UserAccount(), body.Password ?? "");
            throttle.RecordFailure(address);
            return Problem(401, "sign_in_failed", "Sign-in failed.", SignInFailed);
        }

        var password = await signIn.CheckPasswordSignInAsync(account, body.Password ?? "", lockoutOnFailure: true);
        if (!password.Succeeded)
        {
            throttle.RecordFailure(address);
            return Problem(401, "sign_in_failed", "Sign-in failed.", SignInFailed);
        }

        if (account.TwoFactorEnabled)
        {
            if (!await SecondFactorAsync(users, account, body))
            {
                throttle.RecordFailure(address);
                return Problem(401, "totp_required", "Sign-in failed.", "A valid authenticator code (or an unused recovery code) is required.");
            }

            await users.ResetAccessFailedCountAsync(account);
        }

        await sessions.SignInAsync(context, account, account.TwoFactorEnabled, cancellationToken);
        return TypedResults.Ok(Me(account, account.TwoFactorEnabled, context.RequestServices));
    }

    /// <summary>The authenticator code (each works once) or a recovery code; a wrong one counts towards lockout.</summary>
    private static async Task<bool> SecondFactorAsync(UserManager<UserAccount> users, UserAccount account, LoginRequest body)
    {
        var code = (body.RecoveryCode ?? body.TotpCode ?? "").Trim();
        var valid = code.Length switch
        {
            0 => false,
            6 when code.All(char.IsAsciiDigit) && body.RecoveryCode is null
                => await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code),
            _ => (await users.RedeemTwoFactorRecoveryCodeAsync(account, code)).Succeeded,
        };
        if (!valid && code.Length > 0)
        {
            await users.AccessFailedAsync(account);
        }

        return valid;
    }

    private static async Task<NoContent> LogoutAsync(SessionSignIn sessions, HttpContext context, CancellationToken cancellationToken)
    {
        await sessions.SignOutAsync(context, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> LogoutEverywhereAsync(
        ClaimsPrincipal user, UserManager<UserAccount> users, UserSessions sessionRows, SessionSignIn sessions, HttpContext context, CancellationToken cancellationToken)
    {
        var account = await CurrentAsync(users, user);
        AccountService.ThrowIfFailed(await users.UpdateSecurityStampAsync(account));
        await sessionRows.EndAllAsync(account.UserId, keep: null, cancellationToken);
        await sessions.SignOutAsync(context, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> ChangePasswordAsync(
        ChangePasswordRequest body, ClaimsPrincipal user, UserManager<UserAccount> users, UserSessions sessionRows, SessionSignIn sessions,
        HttpContext context, CancellationToken cancellationToken)
    {
        var account = await CurrentAsync(users, user);
        var result = await users.ChangePasswordAsync(account, body.CurrentPassword ?? "", body.NewPassword ?? "");
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
        {
            throw new ValidationException("The current password is wrong.");
        }

        AccountService.ThrowIfFailed(result);
        await sessionRows.EndAllAsync(account.UserId, keep: user.SessionId(), cancellationToken);
        await sessions.RefreshAsync(context, account);
        return TypedResults.NoContent();
    }

    private static async Task<Accepted<AccountMessage>> RequestPasswordResetAsync(
        PasswordResetRequest body, UserManager<UserAccount> users, PasswordSetupTokens tokens, IAccountMailSender mail,
        AccountLinks links, IOptions<SecurityOptions> options, CancellationToken cancellationToken)
    {
        AccountService.ValidateEmail(body.Email);
        if (await users.FindByEmailAsync(body.Email!.Trim()) is { } account)
        {
            var lifetime = options.Value.PasswordResetLinkLifetime;
            var token = await tokens.IssueAsync(account.UserId, lifetime, cancellationToken);
            await mail.SendPasswordResetAsync(account.Email, links.SetPassword(token), DateTimeOffset.UtcNow + lifetime, cancellationToken);
        }

        return TypedResults.Accepted((string?)null, ResetAccepted);
    }

    private static async Task<Ok<MeResponse>> SetPasswordAsync(
        SetPasswordRequest body, PasswordSetupTokens tokens, UserManager<UserAccount> users, SessionSignIn sessions, HttpContext context, CancellationToken cancellationToken)
    {
        var account = await tokens.RedeemAsync(body.Token, body.Password, users, cancellationToken);
        if (account.TwoFactorEnabled)
        {
            // The link proves the mailbox, not the second factor: sign in as usual with the new password and a code.
            return TypedResults.Ok(Me(account, twoFactor: false, context.RequestServices));
        }

        await sessions.SignInAsync(context, account, twoFactor: false, cancellationToken);
        return TypedResults.Ok(Me(account, twoFactor: false, context.RequestServices));
    }

    private static async Task<Ok<MeResponse>> MeAsync(ClaimsPrincipal user, UserManager<UserAccount> users, HttpContext context)
        => TypedResults.Ok(Me(await CurrentAsync(users, user), user.SignedInWithTwoFactor(), context.RequestServices));

    private static async Task<Ok<TotpSetupResponse>> SetupTotpAsync(
        ClaimsPrincipal user, UserManager<UserAccount> users, AuthenticatorEnrolment enrolment, SessionSignIn sessions, HttpContext context)
    {
        var account = await CurrentAsync(users, user);
        var setup = await enrolment.BeginAsync(users, account);
        await sessions.RefreshAsync(context, account); // the new key renewed the security stamp
        return TypedResults.Ok(new TotpSetupResponse(setup.Secret, setup.ProvisioningUri, setup.QrCodeSvg));
    }

    private static async Task<Ok<RecoveryCodesResponse>> EnableTotpAsync(
        TotpCodeRequest body, ClaimsPrincipal user, UserManager<UserAccount> users, AuthenticatorEnrolment enrolment, SessionSignIn sessions, HttpContext context)
    {
        var account = await CurrentAsync(users, user);
        var codes = await enrolment.EnableAsync(users, account, body.Code);
        await sessions.RefreshAsync(context, account);
        return TypedResults.Ok(new RecoveryCodesResponse(codes));
    }

    private static async Task<NoContent> DisableTotpAsync(
        DisableTotpRequest body, ClaimsPrincipal user, UserManager<UserAccount> users, AuthenticatorEnrolment enrolment, SessionSignIn sessions, HttpContext context)
    {
        var account = await CurrentAsync(users, user);
        await enrolment.DisableAsync(users, account, body.Password);
        await sessions.RefreshAsync(context, account);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<RecoveryCodesResponse>> NewRecoveryCodesAsync(ClaimsPrincipal user, UserManager<UserAccount> users)
    {
        var account = await CurrentAsync(users, user);
        if (!account.TwoFactorEnabled)
        {
            throw new ConflictException("Two-factor sign-in is not enabled.");
        }

        return TypedResults.Ok(new RecoveryCodesResponse([.. await users.GenerateNewTwoFactorRecoveryCodesAsync(account, AuthenticatorEnrolment.RecoveryCodeCount) ?? []]));
    }

    private static async Task<UserAccount> CurrentAsync(UserManager<UserAccount> users, ClaimsPrincipal user)
        => await users.FindByIdAsync(user.UserId()!) ?? throw new NotFoundException("The account no longer exists.");

    private static MeResponse Me(UserAccount account, bool twoFactor, IServiceProvider services)
        => new(account.UserId, account.Email, account.Role, account.TwoFactorEnabled, twoFactor,
            MustEnrolTwoFactor: account.Role != Roles.Customer && !twoFactor && services.StaffTwoFactorRequired());

    private static ProblemHttpResult Problem(int status, string code, string title, string detail)
        => TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });
}
