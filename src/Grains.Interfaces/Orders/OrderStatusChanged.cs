using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Orders;

/// <summary>
/// Published on every order change. Carries the order version, so a subscriber that sees a gap
/// (version jumps by more than one) knows to refetch the order.
/// </summary>
public sealed record OrderStatusChanged(
    string OrderId,
    string CustomerId,
    PaymentStatus Payment,
    FulfilmentStatus Fulfilment,
    Money Total,
    string Event,
    string Detail,
    long Version,
    DateTimeOffset At);
