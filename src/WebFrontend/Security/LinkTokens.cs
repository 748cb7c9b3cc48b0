using System.Security.Cryptography;
using System.Text;

namespace PacificEdge.WebFrontend.Security;

/// <summary>Tokens of emailed links: 256 random bits, URL-safe; only their SHA-256 is stored.</summary>
public static class LinkTokens
{
    /// <summary>Longer input is not a token of ours (checked before hashing).</summary>
    public const int MaxLength = 100;

    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether <paramref name="token"/> could be one of ours (non-blank, not too long).</summary>
    public static bool IsPlausible(string? token) => !string.IsNullOrWhiteSpace(token) && token.Length <= MaxLength;
}
