using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Grains.Orders;

namespace PacificEdge.Grains.Tests.Orders;

/// <summary>Every pair of states on each axis: legal moves pass, every other one is refused.</summary>
public sealed class OrderTransitionTests
{
    public static TheoryData<PaymentStatus, PaymentStatus> PaymentPairs()
    {
        var data = new TheoryData<PaymentStatus, PaymentStatus>();
        foreach (var from in Enum.GetValues<PaymentStatus>())
        {
            foreach (var to in Enum.GetValues<PaymentStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    public static TheoryData<FulfilmentStatus, FulfilmentStatus> FulfilmentPairs()
    {
        var data = new TheoryData<FulfilmentStatus, FulfilmentStatus>();
        foreach (var from in Enum.GetValues<FulfilmentStatus>())
        {
            foreach (var to in Enum.GetValues<FulfilmentStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    private static readonly HashSet<(PaymentStatus, PaymentStatus)> LegalPayment =
    [
        (PaymentStatus.Pending, PaymentStatus.Authorized), (PaymentStatus.Pending, PaymentStatus.Paid), (PaymentStatus.Pending, PaymentStatus.Failed),
        (PaymentStatus.Pending, PaymentStatus.Expired), (PaymentStatus.Pending, PaymentStatus.Voided),
        (PaymentStatus.Authorized, PaymentStatus.Paid), (PaymentStatus.Authorized, PaymentStatus.Failed), (PaymentStatus.Authorized, PaymentStatus.Expired),
        (PaymentStatus.Authorized, PaymentStatus.Voided),
        (PaymentStatus.Failed, PaymentStatus.Pending), (PaymentStatus.Failed, PaymentStatus.Authorized), (PaymentStatus.Failed, PaymentStatus.Paid),
        (PaymentStatus.Failed, PaymentStatus.Expired), (PaymentStatus.Failed, PaymentStatus.Voided),
        (PaymentStatus.Paid, PaymentStatus.PartiallyRefunded), (PaymentStatus.Paid, PaymentStatus.Refunded),
        (PaymentStatus.PartiallyRefunded, PaymentStatus.PartiallyRefunded), (PaymentStatus.PartiallyRefunded, PaymentStatus.Refunded),
    ];

    private static readonly HashSet<(FulfilmentStatus, FulfilmentStatus)> LegalFulfilment =
    [
        (FulfilmentStatus.Unfulfilled, FulfilmentStatus.InProgress), (FulfilmentStatus.Unfulfilled, FulfilmentStatus.OnHold), (FulfilmentStatus.Unfulfilled, FulfilmentStatus.Cancelled),
        (FulfilmentStatus.InProgress, FulfilmentStatus.Shipped), (FulfilmentStatus.InProgress, FulfilmentStatus.OnHold), (FulfilmentStatus.InProgress, FulfilmentStatus.Cancelled),
        (FulfilmentStatus.OnHold, FulfilmentStatus.Unfulfilled), (FulfilmentStatus.OnHold, FulfilmentStatus.InProgress), (FulfilmentStatus.OnHold, FulfilmentStatus.Shipped),
        (FulfilmentStatus.OnHold, FulfilmentStatus.Cancelled),
        (FulfilmentStatus.Shipped, FulfilmentStatus.Delivered),
    ];

    [Theory]
    [MemberData(nameof(PaymentPairs))]
    public void Payment_moves_are_legal_exactly_as_listed(PaymentStatus from, PaymentStatus to)
    {
        if (LegalPayment.Contains((from, to)))
        {
            OrderTransitions.EnsureAllowed("ord_t", from, to);
        }
        else
        {
            var error = Assert.Throws<IllegalTransitionException>(() => OrderTransitions.EnsureAllowed("ord_t", from, to));
            Assert.Contains($"from {from} to {to}", error.Message);
        }
    }

    [Theory]
    [MemberData(nameof(FulfilmentPairs))]
    public void Fulfilment_moves_are_legal_exactly_as_listed(FulfilmentStatus from, FulfilmentStatus to)
    {
        if (LegalFulfilment.Contains((from, to)))
        {
            OrderTransitions.EnsureAllowed("ord_t", from, to);
        }
        else
        {
            var error = Assert.Throws<IllegalTransitionException>(() => OrderTransitions.EnsureAllowed("ord_t", from, to));
            Assert.Contains($"from {from} to {to}", error.Message);
        }
    }
}
