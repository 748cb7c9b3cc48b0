using Microsoft.Extensions.Configuration;
using Stripe;

namespace PacificEdge.WebFrontend.Webhooks;

/// <summary>
/// Reads a PaymentIntent's <c>metadata.order_id</c> from Stripe, for events (refunds, disputes) whose object does not
/// carry it. Uses the same settings as the silo's gateway (<c>Commerce:Payments:Stripe:SecretKey</c>, <c>ApiBase</c>).
/// </summary>
public sealed class StripeOrderLookup(IConfiguration configuration)
{
    private readonly Lazy<PaymentIntentService> _intents = new(() => new PaymentIntentService(new StripeClient(new StripeClientOptions
    {
        ApiKey = configuration["Commerce:Payments:Stripe:SecretKey"] is { Length: > 0 } key
            ? key
            : throw new InvalidOperationException("Commerce:Payments:Stripe:SecretKey is required to map Stripe refunds and disputes to orders."),
        ApiBase = configuration["Commerce:Payments:Stripe:ApiBase"]?.TrimEnd('/') is { Length: > 0 } api ? api : null,
    })));

    /// <exception cref="StripeException">Stripe did not answer; the endpoint answers 503 so Stripe redelivers.</exception>
    public async Task<string?> OrderIdOfAsync(string paymentIntentId, CancellationToken cancellationToken)
    {
        var intent = await _intents.Value.GetAsync(paymentIntentId, cancellationToken: cancellationToken);
        return intent.Metadata?.GetValueOrDefault(PaymentMetadata.OrderId);
    }
}
