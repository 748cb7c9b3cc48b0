using Microsoft.Extensions.Options;
using PacificEdge.WebFrontend.Api;

namespace PacificEdge.WebFrontend.Security;

/// <summary>The links account emails carry, on <c>Commerce:PublicBaseUrl</c>. Tokens go in the fragment, which browsers do not send.</summary>
public sealed class AccountLinks(IOptions<StoreSettings> store)
{
    private string Base => store.Value.PublicBaseUrl.TrimEnd('/');

    /// <summary>The account page (sign in, register, forgot password).</summary>
    public string Account => $"{Base}/account.html";

    public string ConfirmRegistration(string token) => $"{Account}#confirm={token}";

    public string SetPassword(string token) => $"{Base}/set-password.html#token={token}";
}
