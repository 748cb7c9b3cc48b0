namespace PacificEdge.Grains.Interfaces.Orders;

/// <summary>The payment axis of an order (as Shopify's financial status).</summary>
[GenerateSerializer]
[Alias("pe.orders.payment-status")]
public enum PaymentStatus
{
    Pending,
    Authorized,
    Paid,
    PartiallyRefunded,
    Refunded,
    Failed,
    Expired,
    Voided,
}
