using Microsoft.AspNetCore.Authorization;

namespace PacificEdge.WebFrontend.Security;

/// <summary>Staff features need a session signed in with a second factor, when <see cref="SecurityOptions.RequireStaffTwoFactor"/> is on.</summary>
public sealed class StaffTwoFactorRequirement : IAuthorizationRequirement;

/// <summary>Meets <see cref="StaffTwoFactorRequirement"/> for sessions with the <c>amr=mfa</c> claim, or for all when not required.</summary>
public sealed class StaffTwoFactorHandler(bool required) : AuthorizationHandler<StaffTwoFactorRequirement>
{
    public bool Required => required;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffTwoFactorRequirement requirement)
    {
        if (!required || context.User.SignedInWithTwoFactor())
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
