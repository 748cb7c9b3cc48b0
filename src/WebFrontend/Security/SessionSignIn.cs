using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace PacificEdge.WebFrontend.Security;

/// <summary>Issues, re-issues and ends the sign-in cookie, each cookie tied to a row in <see cref="UserSessions"/>.</summary>
public sealed class SessionSignIn(UserSessions sessions, AccountClaimsFactory claims, TimeProvider time)
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>Starts a new session for <paramref name="user"/> (after the password, and the code when <paramref name="twoFactor"/>).</summary>
    public async Task SignInAsync(HttpContext context, UserAccount user, bool twoFactor, CancellationToken cancellationToken)
    {
        var sessionId = await sessions.StartAsync(user.UserId, cancellationToken);
        List<Claim> session =
        [
            new(Principals.SessionIdClaim, sessionId),
            new(Principals.SignedInAtClaim, time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new(Principals.MethodClaim, "pwd"),
        ];
        if (twoFactor)
        {
            session.Add(new Claim(Principals.MethodClaim, Principals.TwoFactorMethod));
        }

        await context.SignInAsync(Scheme, claims.Create(user, Scheme, session));
    }

    /// <summary>
    /// Re-issues this session's cookie from the account as it is now (after a change that renewed its security stamp, so
    /// the change ends the other sessions but not this one).
    /// </summary>
    public Task RefreshAsync(HttpContext context, UserAccount user)
        => context.SignInAsync(Scheme, Rebuild(context.User, user));

    /// <summary>This session's principal with the account's current claims, keeping how and when it signed in.</summary>
    public ClaimsPrincipal Rebuild(ClaimsPrincipal current, UserAccount user)
        => claims.Create(user, Scheme, current.Claims.Where(c => c.Type is Principals.SessionIdClaim or Principals.SignedInAtClaim or Principals.MethodClaim)
            .Select(c => new Claim(c.Type, c.Value)));

    /// <summary>Ends this session (its cookie stops working everywhere it was copied) and clears the cookie.</summary>
    public async Task SignOutAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.User.SessionId() is { } sessionId)
        {
            await sessions.EndAsync(sessionId, cancellationToken);
        }

        await context.SignOutAsync(Scheme);
    }
}
