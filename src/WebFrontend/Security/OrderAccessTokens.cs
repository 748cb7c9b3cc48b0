using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Signed, expiring access tokens for guest orders: the guest's link to their order page and its live
/// updates, without an account. A token is <c>{expiry unix seconds}.{hex HMAC-SHA256 of "orderId|expiry"}</c>
/// (URL-safe as is); it stops working after <see cref="FrontendOptions.OrderLinkLifetime"/>, and the guest
/// can ask for a fresh one by email.
/// </summary>
public sealed partial class OrderAccessTokens
{
    private const int MacHexLength = 64;

    // Unix seconds up to year 5138 fit in 11 digits; anything longer is not ours.
    private const int MaxExpiryDigits = 11;

    private readonly byte[] _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;

    public OrderAccessTokens(IOptions<FrontendOptions> options, TimeProvider time, ILogger<OrderAccessTokens> logger)
    {
        _time = time;
        _lifetime = options.Value.OrderLinkLifetime;
        if (string.IsNullOrEmpty(options.Value.OrderTokenKey))
        {
            _key = RandomNumberGenerator.GetBytes(32);
            LogEphemeralKey(logger);
        }
        else
        {
            _key = Encoding.UTF8.GetBytes(options.Value.OrderTokenKey);
        }
    }

    /// <summary>A token for the order that expires one lifetime from now.</summary>
    public string Issue(string orderId)
    {
        var expiry = (_time.GetUtcNow() + _lifetime).ToUnixTimeSeconds();
        return $"{expiry.ToString(CultureInfo.InvariantCulture)}.{Mac(orderId, expiry)}";
    }

    /// <summary>True for a token issued here for this order that has not expired; false for anything else (forged, other order, expired, malformed).</summary>
    public bool IsValid(string orderId, string? token)
    {
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (token is null || dot is < 1 or > MaxExpiryDigits || token.Length != dot + 1 + MacHexLength
            || !long.TryParse(token.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
        {
            return false;
        }

        // The MAC covers the expiry, so a guest cannot extend their own link.
        var macMatches = CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Mac(orderId, expiry)), Encoding.ASCII.GetBytes(token[(dot + 1)..].ToLowerInvariant()));
        return macMatches && _time.GetUtcNow().ToUnixTimeSeconds() < expiry;
    }

    private string Mac(string orderId, long expiry)
        => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{orderId}|{expiry.ToString(CultureInfo.InvariantCulture)}")));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Frontend:OrderTokenKey is not set; guest order links will stop working when this process restarts")]
    private static partial void LogEphemeralKey(ILogger logger);
}
