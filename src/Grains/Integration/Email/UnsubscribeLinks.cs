using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Common;

namespace PacificEdge.Grains.Integration.Email;

/// <summary>
/// Unsubscribe links for marketing mail: <c>{PublicBaseUrl}/unsubscribe?email=…&amp;token=…</c>, the token a
/// truncated HMAC-SHA256 of the lower-cased address under <see cref="EmailOptions.UnsubscribeKey"/>. The link is the
/// same for every message to an address, so the body link and the List-Unsubscribe header agree across retries and
/// processes. The front end's <c>/unsubscribe</c> page (and the RFC 8058 one-click POST to the same URL) passes address
/// and token to the newsletter grain, which checks them with <see cref="IsValid"/> and records the unsubscribe in
/// <c>newsletter_subscribers</c>; marketing mail to an unsubscribed address is then not sent.
/// </summary>
public sealed class UnsubscribeLinks
{
    private const int TokenLength = 32;

    private readonly byte[] key;
    private readonly string baseUrl;

    public UnsubscribeLinks(IOptions<EmailOptions> email, IOptions<CommerceOptions> commerce)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(commerce);

        // Sandbox mode may run without a key: nothing leaves the process, so a per-process key is enough.
        key = string.IsNullOrEmpty(email.Value.UnsubscribeKey)
            ? RandomNumberGenerator.GetBytes(32)
            : Encoding.UTF8.GetBytes(email.Value.UnsubscribeKey);
        baseUrl = commerce.Value.PublicBaseUrl.TrimEnd('/');
    }

    /// <summary>Whether a kind is marketing (needs an unsubscribe link) rather than transactional. Today: the abandoned-cart reminder.</summary>
    public static bool IsMarketing(NotificationKind kind) => kind is NotificationKind.AbandonedCart;

    /// <summary>The link for one recipient.</summary>
    public string For(string recipient)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recipient);
        var address = recipient.Trim().ToLowerInvariant();
        return $"{baseUrl}/unsubscribe?email={Uri.EscapeDataString(address)}&token={TokenFor(address)}";
    }

    /// <summary>Whether <paramref name="token"/> is the link token of <paramref name="recipient"/> (compared in constant time).</summary>
    public bool IsValid(string recipient, string? token)
    {
        if (string.IsNullOrWhiteSpace(recipient) || token is not { Length: TokenLength })
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(TokenFor(recipient.Trim().ToLowerInvariant()));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(token.ToLowerInvariant()));
    }

    private string TokenFor(string address) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(address)))[..TokenLength];
}
