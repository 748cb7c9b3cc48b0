using System.Security.Claims;

namespace PacificEdge.WebFrontend.Security;

/// <summary>Reads the signed-in user from the cookie's claims.</summary>
public static class Principals
{
    public static string? UserId(this ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public static bool IsStaff(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Staff);

    public static ClaimsPrincipal Create(UserAccount account, string scheme) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, account.UserId),
            new Claim(ClaimTypes.Email, account.Email),
            new Claim(ClaimTypes.Role, account.Role),
        ],
        scheme));
}
