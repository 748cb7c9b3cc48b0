namespace PacificEdge.WebFrontend.Webhooks;

/// <summary>Metadata keys our payments carry at the provider (set by the silo's Stripe gateway).</summary>
public static class PaymentMetadata
{
    public const string OrderId = "order_id";
}
