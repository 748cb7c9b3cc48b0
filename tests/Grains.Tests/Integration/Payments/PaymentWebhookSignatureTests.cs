using System.Text;
using PacificEdge.Grains.Interfaces.Payments;

namespace PacificEdge.Grains.Tests.Integration.Payments;

public sealed class PaymentWebhookSignatureTests
{
    private const string Secret = "whsec_test_0123456789abcdef";
    private const string OtherSecret = "whsec_other_fedcba9876543210";
    private const string Payload = """{"id":"evt_1","type":"payment_intent.succeeded"}""";
    private static readonly DateTimeOffset SignedAt = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Header_has_the_stripe_shape()
    {
        var header = PaymentWebhookSignature.Sign(Payload, Secret, SignedAt);

        var parts = header.Split(',');
        Assert.Equal($"t={SignedAt.ToUnixTimeSeconds()}", parts[0]);
        Assert.Matches("^v1=[0-9a-f]{64}$", parts[1]);
        Assert.Equal(2, parts.Length);
    }

    [Fact]
    public void A_fresh_signature_with_the_right_secret_is_valid()
    {
        var header = PaymentWebhookSignature.Sign(Payload, Secret, SignedAt);

        Assert.Equal(PaymentWebhookVerificationResult.Valid, PaymentWebhookSignature.Verify(Payload, header, [Secret], SignedAt.AddSeconds(5)));
        Assert.Equal(
            PaymentWebhookVerificationResult.Valid,
            PaymentWebhookSignature.Verify(Encoding.UTF8.GetBytes(Payload), header, [Secret], SignedAt, PaymentWebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void A_signature_made_with_another_secret_does_not_match()
    {
        var header = PaymentWebhookSignature.Sign(Payload, OtherSecret, SignedAt);

        Assert.Equal(PaymentWebhookVerificationResult.NoMatchingSignature, PaymentWebhookSignature.Verify(Payload, header, [Secret], SignedAt));
    }

    [Fact]
    public void A_tampered_body_does_not_match()
    {
        var header = PaymentWebhookSignature.Sign(Payload, Secret, SignedAt);

        var tampered = Payload.Replace("succeeded", "canceled", StringComparison.Ordinal);
        Assert.Equal(PaymentWebhookVerificationResult.NoMatchingSignature, PaymentWebhookSignature.Verify(tampered, header, [Secret], SignedAt));
    }

    [Fact]
    public void A_changed_timestamp_does_not_match()
    {
        var header = PaymentWebhookSignature.Sign(Payload, Secret, SignedAt);
        var replayed = header.Replace($"t={SignedAt.ToUnixTimeSeconds()}", $"t={SignedAt.ToUnixTimeSeconds() + 1000}", StringComparison.Ordinal);

        Assert.Equal(PaymentWebhookVerificationResult.NoMatchingSignature, PaymentWebhookSignature.Verify(Payload, replayed, [Secret], SignedAt.AddSeconds(1000)));
    }

    [Fact]
    public void An_old_timestamp_is_stale_beyond_the_tolerance_only()
    {
        var header = PaymentWebhookSignature.Sign(Payload, Secret, SignedAt);

        Assert.Equal(PaymentWebhookVerificationResult.Valid, PaymentWebhookSignature.Verify(Payload, header, [Secret], SignedAt.AddSeconds(300)));
        Assert.Equal(PaymentWebhookVerificationResult.StaleTimestamp, PaymentWebhookSignature.Verify(Payload, header, [Secret], SignedAt.AddSeconds(301)));
        Assert.Equal(
            PaymentWebhookVerificationResult.StaleTimestamp,
            PaymentWebhookSignature.Verify(Payload, header, [Secret], SignedAt.AddSeconds(31), TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void A_timestamp_in_the_future_beyond_the_tolerance_is_rejected()
    {
        var header = PaymentWebhookSignature.Sign(Payload, Secret, SignedAt);

        Assert.Equal(PaymentWebhookVerificationResult.Valid, PaymentWebhookSignature.Verify(Payload, header, [Secret], SignedAt.AddSeconds(-300)));
        Assert.Equal(PaymentWebhookVerificationResult.FutureTimestamp, PaymentWebhookSignature.Verify(Payload, header, [Secret], SignedAt.AddSeconds(-301)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_header_is_reported_as_such(string? header)
        => Assert.Equal(PaymentWebhookVerificationResult.MissingHeader, PaymentWebhookSignature.Verify(Payload, header, [Secret], SignedAt));

    [Theory]
    [InlineData("garbage")]
    [InlineData("t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1767225600")]
    [InlineData("t=1767225600,v1=zz")]
    [InlineData("t=1767225600,v1=zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    [InlineData("t=1767225600,t=1767225601,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=-5,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1767225600,,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    public void A_malformed_header_is_rejected(string header)
        => Assert.Equal(PaymentWebhookVerificationResult.Malformed, PaymentWebhookSignature.Verify(Payload, header, [Secret], SignedAt));

    [Fact]
    public void An_oversized_header_is_rejected_before_hashing()
    {
        var header = PaymentWebhookSignature.Sign(Payload, Secret, SignedAt) + ",v0=" + new string('a', PaymentWebhookSignature.MaxHeaderLength);

        Assert.Equal(PaymentWebhookVerificationResult.Malformed, PaymentWebhookSignature.Verify(Payload, header, [Secret], SignedAt));
    }

    [Fact]
    public void Other_schemes_are_ignored()
    {
        var header = PaymentWebhookSignature.Sign(Payload, Secret, SignedAt) + ",v0=deadbeef";

        Assert.Equal(PaymentWebhookVerificationResult.Valid, PaymentWebhookSignature.Verify(Payload, header, [Secret], SignedAt));
    }

    [Fact]
    public void During_rotation_either_secret_verifies()
    {
        var signedWithOld = PaymentWebhookSignature.Sign(Payload, OtherSecret, SignedAt);
        var signedWithBoth = PaymentWebhookSignature.Sign(Payload, [OtherSecret, Secret], SignedAt);

        // The receiver trusts the new secret first and the old one until rotation ends: the second secret matches.
        Assert.Equal(PaymentWebhookVerificationResult.Valid, PaymentWebhookSignature.Verify(Payload, signedWithOld, [Secret, OtherSecret], SignedAt));

        // A sender signing with both: the second v1 entry matches a receiver that only knows the new secret.
        Assert.Equal(3, signedWithBoth.Split(',').Length);
        Assert.Equal(PaymentWebhookVerificationResult.Valid, PaymentWebhookSignature.Verify(Payload, signedWithBoth, [Secret], SignedAt));
    }

    [Fact]
    public void Verifying_without_secrets_is_a_configuration_error()
    {
        var header = PaymentWebhookSignature.Sign(Payload, Secret, SignedAt);

        Assert.Throws<ArgumentException>(() => PaymentWebhookSignature.Verify(Payload, header, [], SignedAt));
        Assert.Throws<ArgumentException>(() => PaymentWebhookSignature.Verify(Payload, header, [""], SignedAt));
    }
}
