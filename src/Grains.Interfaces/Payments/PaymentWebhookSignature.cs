using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PacificEdge.Grains.Interfaces.Payments;

/// <summary>
/// Stripe-style webhook signatures, shared by the sandbox gateway (signs) and the webhook endpoint (verifies).
/// The header is <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;[,v1=…]</c>; the HMAC key is the UTF-8 secret and
/// the message is <c>"{t}.{raw body}"</c> in UTF-8. Several v1 entries and several secrets are allowed so a secret
/// can be rotated without dropping events; other schemes (e.g. v0) are ignored.
/// </summary>
public static class PaymentWebhookSignature
{
    /// <summary>The HTTP header that carries the signature.</summary>
    public const string HeaderName = "Stripe-Signature";

    /// <summary>Longer headers are rejected as malformed before any hashing (bounds the work a request can cause).</summary>
    public const int MaxHeaderLength = 2048;

    /// <summary>At most this many v1 entries are considered; more makes the header malformed.</summary>
    public const int MaxSignatures = 8;

    /// <summary>Default clock tolerance, applied both ways: 300 s.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    private const string TimestampKey = "t";
    private const string SignatureScheme = "v1";
    private const int MacLength = 32;

    /// <summary>Signs <paramref name="payload"/> with one secret; returns the header value.</summary>
    public static string Sign(string payload, string secret, DateTimeOffset timestamp) => Sign(payload, [secret], timestamp);

    /// <summary>Signs with every secret (one v1 entry each), as a sender does while a secret is being rotated.</summary>
    public static string Sign(string payload, IReadOnlyList<string> secrets, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(payload);
        RequireSecrets(secrets);
        var unixSeconds = timestamp.ToUnixTimeSeconds();
        var body = Encoding.UTF8.GetBytes(payload);
        var header = new StringBuilder(TimestampKey).Append('=').Append(unixSeconds.ToString(CultureInfo.InvariantCulture));
        foreach (var secret in secrets)
        {
            header.Append(',').Append(SignatureScheme).Append('=').Append(Convert.ToHexStringLower(ComputeMac(body, secret, unixSeconds)));
        }

        return header.ToString();
    }

    /// <summary>Verifies a header against the raw body with the default 300 s tolerance.</summary>
    public static PaymentWebhookVerificationResult Verify(string payload, string? header, IReadOnlyList<string> secrets, DateTimeOffset now)
        => Verify(payload, header, secrets, now, DefaultTolerance);

    /// <summary>Verifies a header against the raw body (as a string; it is hashed as UTF-8).</summary>
    public static PaymentWebhookVerificationResult Verify(
        string payload, string? header, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return Verify(Encoding.UTF8.GetBytes(payload), header, secrets, now, tolerance);
    }

    /// <summary>
    /// Verifies a header against the raw body bytes exactly as received. The signature is checked first, so a
    /// timestamp result (stale/future) is only reported for an authentic header.
    /// </summary>
    /// <param name="payloadUtf8">The raw request body.</param>
    /// <param name="header">The <see cref="HeaderName"/> value, or null when absent.</param>
    /// <param name="secrets">Current secrets; any one may match (rotation).</param>
    /// <param name="now">The receiver's clock.</param>
    /// <param name="tolerance">How far the timestamp may lie from <paramref name="now"/>, either way.</param>
    public static PaymentWebhookVerificationResult Verify(
        ReadOnlySpan<byte> payloadUtf8, string? header, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        RequireSecrets(secrets);
        ArgumentOutOfRangeException.ThrowIfLessThan(tolerance, TimeSpan.Zero);
        if (string.IsNullOrWhiteSpace(header))
        {
            return PaymentWebhookVerificationResult.MissingHeader;
        }

        if (!TryParseHeader(header, out var unixSeconds, out var signatures))
        {
            return PaymentWebhookVerificationResult.Malformed;
        }

        if (!AnySignatureMatches(payloadUtf8, unixSeconds, signatures, secrets))
        {
            return PaymentWebhookVerificationResult.NoMatchingSignature;
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
        if (age > tolerance)
        {
            return PaymentWebhookVerificationResult.StaleTimestamp;
        }

        return -age > tolerance ? PaymentWebhookVerificationResult.FutureTimestamp : PaymentWebhookVerificationResult.Valid;
    }

    private static bool AnySignatureMatches(ReadOnlySpan<byte> payload, long unixSeconds, List<byte[]> signatures, IReadOnlyList<string> secrets)
    {
        var matched = false;
        foreach (var secret in secrets)
        {
            var expected = ComputeMac(payload, secret, unixSeconds);
            foreach (var signature in signatures)
            {
                // Keep comparing after a match: the time taken must not depend on which entry matched.
                matched |= CryptographicOperations.FixedTimeEquals(expected, signature);
            }
        }

        return matched;
    }

    private static bool TryParseHeader(string header, out long unixSeconds, out List<byte[]> signatures)
    {
        unixSeconds = 0;
        signatures = [];
        if (header.Length > MaxHeaderLength)
        {
            return false;
        }

        var sawTimestamp = false;
        foreach (var item in header.Split(','))
        {
            var separator = item.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                return false;
            }

            var key = item[..separator].Trim();
            var value = item[(separator + 1)..].Trim();
            if (key == TimestampKey)
            {
                if (sawTimestamp || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out unixSeconds)
                    || unixSeconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
                {
                    return false;
                }

                sawTimestamp = true;
            }
            else if (key == SignatureScheme)
            {
                if (value.Length != MacLength * 2 || signatures.Count == MaxSignatures || !TryDecodeHex(value, out var signature))
                {
                    return false;
                }

                signatures.Add(signature);
            }
        }

        return sawTimestamp && signatures.Count > 0;
    }

    private static bool TryDecodeHex(string value, out byte[] bytes)
    {
        bytes = new byte[value.Length / 2];
        return Convert.FromHexString(value, bytes, out _, out var written) == System.Buffers.OperationStatus.Done && written == bytes.Length;
    }

    private static byte[] ComputeMac(ReadOnlySpan<byte> payload, string secret, long unixSeconds)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(payload);
        return hmac.GetHashAndReset();
    }

    private static void RequireSecrets(IReadOnlyList<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (secrets.Count == 0 || secrets.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("At least one webhook secret is required, and none may be empty.", nameof(secrets));
        }
    }
}
