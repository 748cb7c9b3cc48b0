namespace PacificEdge.Grains.Interfaces.Orders;

/// <summary>The payment axis of an order (as Shopify's financial status).</summary>
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
