using System.Security.Claims;

namespace PacificEdge.WebFrontend.Security;

/// <summary>Reads the signed-in user from the cookie's claims.</summary>
public static class Principals
{
    /// <summary>The session the cookie belongs to (a row in <c>user_sessions</c>).</summary>
    public const string SessionIdClaim = "pe:sid";

    /// <summary>When the session signed in (unix seconds): the absolute session limit counts from it.</summary>
    public const string SignedInAtClaim = "pe:signed_in_at";

    /// <summary>How the session signed in (RFC 8176 values): <c>pwd</c>, plus <c>mfa</c> with a second factor.</summary>
    public const string MethodClaim = "amr";

    public const string TwoFactorMethod = "mfa";

    public static string? UserId(this ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public static bool IsStaff(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Staff);

    public static string? SessionId(this ClaimsPrincipal user) => user.FindFirstValue(SessionIdClaim);

    public static bool SignedInWithTwoFactor(this ClaimsPrincipal user) => user.HasClaim(MethodClaim, TwoFactorMethod);
}
