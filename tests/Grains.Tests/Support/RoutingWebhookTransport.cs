using Microsoft.Extensions.Options;
using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Interfaces.Payments;
using Orleans;
using PacificEdge.Simulators.Payments;

namespace PacificEdge.Grains.Tests.Support;

/// <summary>
/// Stands in for the HTTP webhook endpoint in grain tests: verifies the sandbox's signature,
/// parses the event and routes it to the order grain, as the front end does.
/// </summary>
public sealed class RoutingWebhookTransport(IGrainFactory grains, IOptions<PaymentSandboxOptions> options, TimeProvider time) : IPaymentWebhookTransport
{
    private int _delivered;

    public int Delivered => Volatile.Read(ref _delivered);

    public async Task DeliverAsync(string payload, string signatureHeader, CancellationToken cancellationToken)
    {
        var verdict = PaymentWebhookSignature.Verify(payload, signatureHeader, [options.Value.WebhookSecret], time.GetUtcNow());
        if (verdict != PaymentWebhookVerificationResult.Valid)
        {
            throw new InvalidOperationException($"Webhook signature rejected: {verdict}");
        }

        var parsed = PaymentWebhookParser.Parse(payload);
        if (parsed.Event is { } paymentEvent)
        {
            await grains.GetGrain<IOrderGrain>(paymentEvent.OrderId).ApplyPaymentEvent(paymentEvent);
        }

        Interlocked.Increment(ref _delivered);
    }
}
