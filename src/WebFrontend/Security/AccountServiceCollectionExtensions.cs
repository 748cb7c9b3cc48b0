using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PacificEdge.WebFrontend.Security;

/// <summary>Wires ASP.NET Core Identity (our Npgsql store) for accounts, and the sign-in on top of it for the front end.</summary>
public static class AccountServiceCollectionExtensions
{
    /// <summary>
    /// Identity's UserManager over <see cref="PostgresUserStore"/> with the password policy and lockout settings. Enough to
    /// create and find accounts (the import uses only this); <see cref="AddAccountSignIn"/> adds the web part.
    /// </summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName)
            .Validate(o => o.IsValid(), "Security settings are invalid: MinPasswordLength 12-128, positive limits and durations, "
                + "SessionAbsoluteLifetime at least SessionIdleTimeout, AdminAllowList of IP addresses or CIDR networks.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PostgresUserStore>();
        services.TryAddSingleton<IUserStore<UserAccount>>(sp => sp.GetRequiredService<PostgresUserStore>());
        services.AddIdentityCore<UserAccount>()
            .AddClaimsPrincipalFactory<AccountClaimsFactory>();
        // Our policy replaces Identity's default character-class rules (length and a common-password list beat both).
        services.RemoveAll<IPasswordValidator<UserAccount>>();
        services.AddScoped<IPasswordValidator<UserAccount>, PasswordPolicyValidator>();
        services.TryAddSingleton<AccountClaimsFactory>();
        services.AddOptions<IdentityOptions>().Configure<IOptions<SecurityOptions>>((o, security) =>
        {
            o.User.RequireUniqueEmail = true;
            o.User.AllowedUserNameCharacters = string.Empty; // the user name is the email, checked as an address
            o.Lockout.AllowedForNewUsers = true;
            o.Lockout.MaxFailedAccessAttempts = security.Value.LockoutThreshold;
            o.Lockout.DefaultLockoutTimeSpan = security.Value.LockoutDuration;
            o.Tokens.AuthenticatorTokenProvider = SingleUseAuthenticatorTokenProvider.ProviderName;
        });
        services.TryAddSingleton<AccountService>();
        services.TryAddSingleton<PasswordSetupTokens>();
        return services;
    }

    /// <summary>Sign-in for the web: Identity's SignInManager and token providers, sessions in a cookie, staff policies.</summary>
    public static IServiceCollection AddAccountSignIn(this IServiceCollection services, bool isDevelopment)
    {
        services.AddAccounts();
        new IdentityBuilder(typeof(UserAccount), services)
            .AddSignInManager()
            // The one token provider used: the authenticator. Reset links are PasswordSetupTokens (stored, single use);
            // no email or SMS codes (there is no phone store).
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(SingleUseAuthenticatorTokenProvider.ProviderName);
        services.AddSingleton<UserSessions>();
        services.AddSingleton<SessionSignIn>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<AuthenticatorEnrolment>();
        services.TryAddSingleton<IAccountMailSender, GrainAccountMailSender>();
        services.TryAddSingleton<AccountLinks>();
        services.TryAddSingleton<PendingRegistrations>();
        services.AddScoped<AccountRegistration>();
        services.AddAccountRateLimits();
        services.AddSingleton<HubSessionMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<HubSessionMonitor>());
        services.Configure<HubOptions>(o => o.AddFilter<HubSessionMonitor>());
        services.AddOptions<CookieAuthenticationOptions>(SessionSignIn.Scheme).Configure<IOptions<SecurityOptions>>((o, security) =>
        {
            o.ExpireTimeSpan = security.Value.SessionIdleTimeout;
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = SessionValidator.ValidateAsync;
        });

        var requireTwoFactor = (IServiceProvider sp) => sp.GetRequiredService<IOptions<SecurityOptions>>().Value.RequireStaffTwoFactor ?? !isDevelopment;
        services.AddSingleton<IAuthorizationHandler, StaffTwoFactorHandler>(sp => new StaffTwoFactorHandler(requireTwoFactor(sp)));
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.StaffPolicy, p => p.RequireRole(Roles.Admin, Roles.Staff).AddRequirements(new StaffTwoFactorRequirement()))
            .AddPolicy(Roles.AdminPolicy, p => p.RequireRole(Roles.Admin).AddRequirements(new StaffTwoFactorRequirement()));
        return services;
    }

    /// <summary>Whether staff must have signed in with a second factor here (for the sign-in answer).</summary>
    public static bool StaffTwoFactorRequired(this IServiceProvider services)
        => services.GetServices<IAuthorizationHandler>().OfType<StaffTwoFactorHandler>().FirstOrDefault()?.Required ?? false;
}
