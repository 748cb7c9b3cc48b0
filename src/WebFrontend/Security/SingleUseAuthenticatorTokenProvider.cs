using Microsoft.AspNetCore.Identity;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Identity's authenticator (TOTP) check, plus: a code that signed in once is refused afterwards. Identity's own provider
/// accepts the same code for as long as its time window lasts, so a code seen over a shoulder could be replayed.
/// </summary>
public sealed class SingleUseAuthenticatorTokenProvider(PostgresUserStore store) : IUserTwoFactorTokenProvider<UserAccount>
{
    public const string ProviderName = "PacificEdgeAuthenticator";

    private readonly AuthenticatorTokenProvider<UserAccount> _totp = new();

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<UserAccount> manager, UserAccount user)
        => _totp.CanGenerateTwoFactorTokenAsync(manager, user);

    // Authenticator apps generate the codes; the server never does.
    public Task<string> GenerateAsync(string purpose, UserManager<UserAccount> manager, UserAccount user) => _totp.GenerateAsync(purpose, manager, user);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<UserAccount> manager, UserAccount user)
    {
        var code = token.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        return await _totp.ValidateAsync(purpose, code, manager, user)
            && await store.TryUseAuthenticatorCodeAsync(user, code, CancellationToken.None);
    }
}
