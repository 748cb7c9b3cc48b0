using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace PacificEdge.WebFrontend.Security;

/// <summary>The claims of a signed-in account: id, email, its one role and the security stamp the session is checked against.</summary>
public sealed class AccountClaimsFactory(IOptions<IdentityOptions> options) : IUserClaimsPrincipalFactory<UserAccount>
{
    public Task<ClaimsPrincipal> CreateAsync(UserAccount user) => Task.FromResult(Create(user, CookieAuthenticationDefaults.AuthenticationScheme));

    public ClaimsPrincipal Create(UserAccount user, string scheme, IEnumerable<Claim>? session = null)
    {
        var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.UserId));
        identity.AddClaim(new Claim(ClaimTypes.Name, user.Email));
        identity.AddClaim(new Claim(ClaimTypes.Email, user.Email));
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role));
        identity.AddClaim(new Claim(options.Value.ClaimsIdentity.SecurityStampClaimType, user.SecurityStamp));
        identity.AddClaims(session ?? []);
        return new ClaimsPrincipal(identity);
    }
}
