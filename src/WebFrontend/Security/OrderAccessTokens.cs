using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Signed access tokens for guest orders (HMAC-SHA256 of the order id): the guest's link to their
/// order page and its live updates, without an account.
/// </summary>
public sealed partial class OrderAccessTokens
{
    private readonly byte[] _key;

    public OrderAccessTokens(IOptions<FrontendOptions> options, ILogger<OrderAccessTokens> logger)
    {
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

    public string Issue(string orderId) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(orderId)));

    public bool IsValid(string orderId, string? token)
        => token is { Length: 64 }
           && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Issue(orderId)), Encoding.ASCII.GetBytes(token.ToLowerInvariant()));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Frontend:OrderTokenKey is not set; guest order links will stop working when this process restarts")]
    private static partial void LogEphemeralKey(ILogger logger);
}
