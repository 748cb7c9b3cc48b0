using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Orders;

/// <summary>What the payment provider said happened, already verified and parsed from its webhook.</summary>
/// <param name="EventId">The provider's event id: a replay of the same id is a no-op.</param>
/// <param name="Kind">What happened.</param>
/// <param name="PaymentId">The provider's payment id.</param>
/// <param name="OrderId">Our order id (from the payment's metadata).</param>
/// <param name="Amount">Amount concerned (paid, or refunded).</param>
/// <param name="OccurredAt">When the provider created the event.</param>
/// <param name="DeclineCode">For failures: card_declined, insufficient_funds, processing_error, ...; for disputes, the provider's reason (fraudulent, ...).</param>
/// <param name="RefundId">For refunds: the provider's refund id.</param>
[GenerateSerializer]
[Immutable]
[Alias("pe.orders.payment-event")]
public sealed record PaymentEvent(
    [Id(0)] string EventId,
    [Id(1)] PaymentEventKind Kind,
    [Id(2)] string PaymentId,
    [Id(3)] string OrderId,
    [Id(4)] Money Amount,
    [Id(5)] DateTimeOffset OccurredAt,
    [Id(6)] string? DeclineCode = null,
    [Id(7)] string? RefundId = null);

/// <summary>Payment event kinds the order understands.</summary>
[GenerateSerializer]
[Alias("pe.orders.payment-event-kind")]
public enum PaymentEventKind
{
    Authorized,
    Succeeded,
    Failed,
    Refunded,
    Canceled,

    /// <summary>The customer disputed the charge (a chargeback): the order goes on hold and an admin is alerted.</summary>
    Disputed,
}
