using System.Security.Cryptography;
using PacificEdge.WebFrontend.Security;

namespace PacificEdge.WebFrontend.Tests.Security;

public sealed class KeyRingCipherTests
{
    private const string Secret = "a-key-ring-secret-of-at-least-32-characters";
    private const string Key = "<key id=\"1\"><masterKey><value>c2VjcmV0</value></masterKey></key>";

    [Fact]
    public void A_sealed_key_opens_with_the_same_secret_and_does_not_show_the_key()
    {
        var cipher = new KeyRingCipher(Secret);

        var sealedKey = cipher.Encrypt(Key);

        Assert.DoesNotContain("c2VjcmV0", sealedKey, StringComparison.Ordinal);
        Assert.Equal(Key, new KeyRingCipher(Secret).Decrypt(sealedKey));
    }

    [Fact]
    public void A_sealed_key_does_not_open_with_another_secret_or_after_tampering()
    {
        var sealedKey = new KeyRingCipher(Secret).Encrypt(Key);
        var bytes = Convert.FromBase64String(sealedKey);
        bytes[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => new KeyRingCipher(Secret + "x").Decrypt(sealedKey));
        Assert.ThrowsAny<CryptographicException>(() => new KeyRingCipher(Secret).Decrypt(Convert.ToBase64String(bytes)));
    }
}
