using System.Security.Cryptography;

namespace PacificEdge.WebFrontend.Security;

/// <summary>
/// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits), the codes
/// authenticator apps show. Written here because the package feed has no TOTP library.
/// </summary>
public static class Totp
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    public static string NewSecret() => ToBase32(RandomNumberGenerator.GetBytes(20));

    /// <summary>The code for a moment (used by tests and by authenticator apps).</summary>
    public static string Code(string base32Secret, DateTimeOffset at)
    {
        var counter = at.ToUnixTimeSeconds() / (long)Step.TotalSeconds;
        Span<byte> message = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(message, counter);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(FromBase32(base32Secret), message, hash);
        var offset = hash[19] & 0x0F;
        var value = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Accepts the current code and its neighbours (clock drift of one step either way).</summary>
    public static bool Verify(string base32Secret, string code, DateTimeOffset now)
    {
        for (var drift = -1; drift <= 1; drift++)
        {
            var expected = Code(base32Secret, now + (drift * Step));
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(expected), System.Text.Encoding.ASCII.GetBytes(code)))
            {
                return true;
            }
        }

        return false;
    }

    public static string ProvisioningUri(string base32Secret, string account)
        => $"otpauth://totp/PacificEdge:{Uri.EscapeDataString(account)}?secret={base32Secret}&issuer=PacificEdge&digits=6&period=30";

    private static string ToBase32(byte[] bytes)
    {
        var chars = new System.Text.StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars.Append(Base32Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            chars.Append(Base32Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return chars.ToString();
    }

    private static byte[] FromBase32(string text)
    {
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            var value = Base32Alphabet.IndexOf(c);
            if (value < 0)
            {
                throw new FormatException("The TOTP secret is not base32.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)((buffer >> (bits - 8)) & 0xFF));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
