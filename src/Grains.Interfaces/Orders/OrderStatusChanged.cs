using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Orders;

/// <summary>
/// Published on every order change. Carries the order version, so a subscriber that sees a gap
/// (version jumps by more than one) knows to refetch the order.
/// </summary>
/// <param name="DeadLetteredEffects">
/// How many of the order's effects are dead-lettered, for the staff-only column of the projection row and the
/// admin hub. The relay sends shoppers 0: the outbox is none of their business.
/// </param>
/// <param name="Refunded">How much of <see cref="Total"/> has been refunded (same currency), so revenue can be shown net of refunds.</param>
public sealed record OrderStatusChanged(
    string OrderId,
    string CustomerId,
    PaymentStatus Payment,
    FulfilmentStatus Fulfilment,
    Money Total,
    string Event,
    string Detail,
    long Version,
    DateTimeOffset At,
    int DeadLetteredEffects = 0,
    decimal Refunded = 0m);
