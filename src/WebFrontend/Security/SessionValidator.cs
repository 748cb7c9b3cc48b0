using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Checks a cookie on each request: past the absolute lifetime it is refused; every
/// <see cref="SecurityOptions.SessionValidationInterval"/> it is compared with the database: an ended session (signed
/// out) or a new security stamp (signed out everywhere, password changed) ends it, a changed role re-issues it with
/// the new role. Identity's SecurityStampValidator does the stamp part only, hence our own.
/// </summary>
public static class SessionValidator
{
    private const string CheckedAtItem = "pe.checked";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var principal = context.Principal;
        var sessionId = principal?.SessionId();
        if (principal is null || sessionId is null
            || !long.TryParse(principal.FindFirst(Principals.SignedInAtClaim)?.Value, CultureInfo.InvariantCulture, out var signedInAt)
            || now - DateTimeOffset.FromUnixTimeSeconds(signedInAt) > options.SessionAbsoluteLifetime)
        {
            await RejectAsync(context);
            return;
        }

        if (context.Properties.Items.TryGetValue(CheckedAtItem, out var checkedAt)
            && long.TryParse(checkedAt, CultureInfo.InvariantCulture, out var at)
            && now - DateTimeOffset.FromUnixTimeMilliseconds(at) < options.SessionValidationInterval)
        {
            return;
        }

        var open = await services.GetRequiredService<UserSessions>().OpenAsync([sessionId], context.HttpContext.RequestAborted);
        var stampType = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        if (!open.TryGetValue(sessionId, out var state) || state.Stamp != principal.FindFirst(stampType)?.Value)
        {
            await RejectAsync(context);
            return;
        }

        if (!principal.IsInRole(state.Role))
        {
            var user = await services.GetRequiredService<UserManager<UserAccount>>().FindByIdAsync(principal.UserId()!);
            if (user is null)
            {
                await RejectAsync(context);
                return;
            }

            context.ReplacePrincipal(services.GetRequiredService<SessionSignIn>().Rebuild(principal, user));
        }

        context.Properties.Items[CheckedAtItem] = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(SessionSignIn.Scheme);
    }
}
