using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;

namespace PacificEdge.Grains.Orders;

/// <summary>
/// The order state machine: every legal move on each axis, in one place. Anything not listed is
/// illegal (staying in the same state included, except repeated partial refunds).
/// </summary>
public static class OrderTransitions
{
    public static readonly IReadOnlyDictionary<PaymentStatus, PaymentStatus[]> Payment = new Dictionary<PaymentStatus, PaymentStatus[]>
    {
        [PaymentStatus.Pending] = [PaymentStatus.Authorized, PaymentStatus.Paid, PaymentStatus.Failed, PaymentStatus.Expired, PaymentStatus.Voided],
        [PaymentStatus.Authorized] = [PaymentStatus.Paid, PaymentStatus.Failed, PaymentStatus.Expired, PaymentStatus.Voided],
        // A declined card may be retried (back to Pending), and a retry's outcome may arrive directly.
        [PaymentStatus.Failed] = [PaymentStatus.Pending, PaymentStatus.Authorized, PaymentStatus.Paid, PaymentStatus.Expired, PaymentStatus.Voided],
        [PaymentStatus.Paid] = [PaymentStatus.PartiallyRefunded, PaymentStatus.Refunded],
        [PaymentStatus.PartiallyRefunded] = [PaymentStatus.PartiallyRefunded, PaymentStatus.Refunded],
        [PaymentStatus.Refunded] = [],
        [PaymentStatus.Expired] = [],
        [PaymentStatus.Voided] = [],
    };

    public static readonly IReadOnlyDictionary<FulfilmentStatus, FulfilmentStatus[]> Fulfilment = new Dictionary<FulfilmentStatus, FulfilmentStatus[]>
    {
        [FulfilmentStatus.Unfulfilled] = [FulfilmentStatus.InProgress, FulfilmentStatus.OnHold, FulfilmentStatus.Cancelled],
        [FulfilmentStatus.InProgress] = [FulfilmentStatus.Shipped, FulfilmentStatus.OnHold, FulfilmentStatus.Cancelled],
        [FulfilmentStatus.OnHold] = [FulfilmentStatus.Unfulfilled, FulfilmentStatus.InProgress, FulfilmentStatus.Shipped, FulfilmentStatus.Cancelled],
        [FulfilmentStatus.Shipped] = [FulfilmentStatus.Delivered],
        [FulfilmentStatus.Delivered] = [],
        [FulfilmentStatus.Cancelled] = [],
    };

    public static bool IsAllowed(PaymentStatus from, PaymentStatus to) => Payment[from].Contains(to);

    public static bool IsAllowed(FulfilmentStatus from, FulfilmentStatus to) => Fulfilment[from].Contains(to);

    /// <exception cref="IllegalTransitionException">The move is not in the table.</exception>
    public static void EnsureAllowed(string orderId, PaymentStatus from, PaymentStatus to)
    {
        if (!IsAllowed(from, to))
        {
            throw new IllegalTransitionException($"Order {orderId}: payment cannot go from {from} to {to}.");
        }
    }

    /// <exception cref="IllegalTransitionException">The move is not in the table.</exception>
    public static void EnsureAllowed(string orderId, FulfilmentStatus from, FulfilmentStatus to)
    {
        if (!IsAllowed(from, to))
        {
            throw new IllegalTransitionException($"Order {orderId}: fulfilment cannot go from {from} to {to}.");
        }
    }
}
