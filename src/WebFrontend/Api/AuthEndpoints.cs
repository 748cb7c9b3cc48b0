using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.WebFrontend.Security;

namespace PacificEdge.WebFrontend.Api;

/// <summary>/api/auth: register, sign in (with TOTP for staff who enabled it), sign out, who am I.</summary>
public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/register", RegisterAsync);
        group.MapPost("/login", LoginAsync);
        group.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.NoContent();
        });
        group.MapPost("/set-password", SetPasswordAsync)
            .RequireRateLimiting(RateLimitPolicies.OrderLinks)
            .WithName("SetFirstPassword").WithSummary("Sets the password of an account from a set-your-password link (single use, expires) and signs in.");
        group.MapGet("/me", MeAsync).RequireAuthorization();
        group.MapPost("/totp/setup", SetupTotpAsync).RequireAuthorization(Roles.StaffPolicy);
        group.MapPost("/totp/enable", EnableTotpAsync).RequireAuthorization(Roles.StaffPolicy);
        return group;
    }

    private static async Task<Created<MeResponse>> RegisterAsync(RegisterRequest body, AccountService accounts, HttpContext context, CancellationToken cancellationToken)
    {
        var account = await accounts.RegisterAsync(body.Email ?? "", body.Password ?? "", Roles.Customer, cancellationToken);
        await SignInAsync(context, account);
        return TypedResults.Created("/api/auth/me", new MeResponse(account.UserId, account.Email, account.Role, false));
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest body, AccountService accounts, LoginThrottle throttle, HttpContext context, CancellationToken cancellationToken)
    {
        var email = body.Email ?? "";
        AccountService.ValidateEmail(email);
        if (throttle.TryAttempt(email, context.Connection.RemoteIpAddress?.ToString() ?? "unknown") is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem("Too many sign-in attempts. Try again later.", statusCode: 429, title: "Too many requests.");
        }

        var account = await accounts.CheckPasswordAsync(email, body.Password ?? "", cancellationToken);
        if (account is null)
        {
            return TypedResults.Problem("The email or password is wrong.", statusCode: 401, title: "Sign-in failed.");
        }

        if (account.TotpEnabled && !accounts.CheckTotp(account, body.TotpCode))
        {
            return TypedResults.Problem("A valid authenticator code is required.", statusCode: 401, title: "Sign-in failed.",
                extensions: new Dictionary<string, object?> { ["code"] = "totp_required" });
        }

        await SignInAsync(context, account);
        return TypedResults.Ok(new MeResponse(account.UserId, account.Email, account.Role, account.TotpEnabled));
    }

    private static async Task<Ok<MeResponse>> SetPasswordAsync(
        SetPasswordRequest body, PasswordSetupTokens tokens, UserStore users, HttpContext context, CancellationToken cancellationToken)
    {
        var account = await tokens.RedeemAsync(body.Token, body.Password, users, cancellationToken);
        await SignInAsync(context, account);
        return TypedResults.Ok(new MeResponse(account.UserId, account.Email, account.Role, account.TotpEnabled));
    }

    private static async Task<Ok<MeResponse>> MeAsync(ClaimsPrincipal user, UserStore users, CancellationToken cancellationToken)
    {
        var account = await users.FindByIdAsync(user.UserId()!, cancellationToken) ?? throw new NotFoundException("The account no longer exists.");
        return TypedResults.Ok(new MeResponse(account.UserId, account.Email, account.Role, account.TotpEnabled));
    }

    private static async Task<Ok<TotpSetupResponse>> SetupTotpAsync(ClaimsPrincipal user, UserStore users, CancellationToken cancellationToken)
    {
        var account = await users.FindByIdAsync(user.UserId()!, cancellationToken) ?? throw new NotFoundException("The account no longer exists.");
        if (account.TotpEnabled)
        {
            throw new ConflictException("Two-factor sign-in is already enabled.");
        }

        var secret = Totp.NewSecret();
        await users.SetTotpAsync(account.UserId, secret, enabled: false, cancellationToken);
        return TypedResults.Ok(new TotpSetupResponse(secret, Totp.ProvisioningUri(secret, account.Email)));
    }

    private static async Task<NoContent> EnableTotpAsync(TotpCodeRequest body, ClaimsPrincipal user, UserStore users, AccountService accounts, CancellationToken cancellationToken)
    {
        var account = await users.FindByIdAsync(user.UserId()!, cancellationToken) ?? throw new NotFoundException("The account no longer exists.");
        if (account.TotpSecret is null || !accounts.CheckTotp(account, body.Code))
        {
            throw new ValidationException("The code does not match; set up two-factor sign-in again.");
        }

        await users.SetTotpAsync(account.UserId, account.TotpSecret, enabled: true, cancellationToken);
        return TypedResults.NoContent();
    }

    private static Task SignInAsync(HttpContext context, UserAccount account)
        => context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Principals.Create(account, CookieAuthenticationDefaults.AuthenticationScheme));
}
