using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Payments;
using PacificEdge.Grains.Tests.Integration.Support;
using PacificEdge.Simulators.Payments;

namespace PacificEdge.Grains.Tests.Integration.Payments;

/// <summary>A sandbox gateway wired to a recording transport, with helpers to read back what it delivered.</summary>
internal sealed class SandboxGatewayHarness : IAsyncDisposable
{
    public const string Secret = "whsec_sandbox_test_secret_0001";

    public SandboxGatewayHarness(Action<PaymentSandboxOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new PaymentSandboxOptions
        {
            WebhookSecret = Secret,
            DeliveryDelay = TimeSpan.Zero,
            DeliveryRetryBaseDelay = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        Time = time ?? TimeProvider.System;
        Gateway = new SandboxPaymentGateway(Options.Create(options), Transport, Time, NullLogger<SandboxPaymentGateway>.Instance);
    }

    public RecordingWebhookTransport Transport { get; } = new();

    public SandboxPaymentGateway Gateway { get; }

    public TimeProvider Time { get; }

    public static PaymentRequest Request(string token, string key = "order:ord_1:attempt:1", decimal amount = 50m, string orderId = "ord_1")
        => new(orderId, new Money(amount, "USD"), token, key, "shopper@example.com");

    /// <summary>Delivered events in order, each checked against the signing secret first.</summary>
    public IReadOnlyList<PaymentWebhookParseResult> VerifiedEvents()
        => Transport.Delivered.Select(d =>
        {
            Assert.Equal(
                PaymentWebhookVerificationResult.Valid,
                PaymentWebhookSignature.Verify(d.Payload, d.SignatureHeader, [Secret], Time.GetUtcNow()));
            return PaymentWebhookParser.Parse(d.Payload);
        }).ToList();

    public ValueTask DisposeAsync() => Gateway.DisposeAsync();
}
