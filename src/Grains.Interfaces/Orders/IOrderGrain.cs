using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Orders;

/// <summary>
/// One order (key: order id): payment and fulfilment axes with a table of legal transitions,
/// a one-shot reminder that expires it when unpaid, and side effects (stock, points, shipment,
/// email, status events) kept as pending work in its state until done.
/// </summary>
[Alias("order")]
public interface IOrderGrain : IWakeUpGrain
{
    /// <summary>Creates the order from checkout. Idempotent: the same draft again returns the order.</summary>
    Task<OrderView> Create(OrderDraft draft);

    /// <exception cref="NotFoundException">The order was never created.</exception>
    Task<OrderView> Get();

    /// <summary>Starts a payment with a card token (never a card number). The outcome arrives as a payment event.</summary>
    Task<OrderView> Pay(string cardToken);

    /// <summary>Applies a verified payment webhook event. A repeated event id changes nothing.</summary>
    Task<OrderView> ApplyPaymentEvent(PaymentEvent paymentEvent);

    /// <summary>Applies news from the order's shipment.</summary>
    Task<OrderView> ApplyShipmentUpdate(ShipmentUpdate update);

    /// <summary>Refunds part or all of a paid order through the gateway and claws back earned points.</summary>
    Task<OrderView> Refund(Money amount, string reason);

    /// <summary>Cancels an order that has not shipped: voids or refunds the payment, returns stock and points.</summary>
    Task<OrderView> Cancel(string reason);

    /// <summary>
    /// Emails <see cref="OrderAccessLinkRequest.OrderUrl"/> to the order's address when the request's email matches it
    /// (case-insensitive); otherwise, or when the order does not exist, does nothing. Either way it says nothing, so a
    /// caller cannot learn which orders or addresses exist.
    /// </summary>
    Task SendAccessLink(OrderAccessLinkRequest request);

    /// <summary>The effects the order still owes and those dead-lettered after too many failures (for admins).</summary>
    /// <exception cref="NotFoundException">The order was never created.</exception>
    Task<OrderEffects> GetEffects();

    /// <summary>
    /// Re-queues every dead-lettered effect with a fresh attempt count and runs it now; returns the outbox afterwards.
    /// With nothing dead-lettered it changes nothing.
    /// </summary>
    /// <exception cref="NotFoundException">The order was never created.</exception>
    Task<OrderEffects> ReplayDeadLetteredEffects();
}
