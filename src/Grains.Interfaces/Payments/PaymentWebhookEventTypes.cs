using PacificEdge.Grains.Interfaces.Orders;

namespace PacificEdge.Grains.Interfaces.Payments;

/// <summary>The webhook <c>type</c> strings we understand, and the <see cref="PaymentEventKind"/> each one means.</summary>
public static class PaymentWebhookEventTypes
{
    /// <summary>The payment was captured: the money is ours.</summary>
    public const string PaymentSucceeded = "payment_intent.succeeded";

    /// <summary>The attempt failed; <c>last_payment_error.code</c> says why.</summary>
    public const string PaymentFailed = "payment_intent.payment_failed";

    /// <summary>Authorised (manual capture): the amount can now be captured.</summary>
    public const string AmountCapturableUpdated = "payment_intent.amount_capturable_updated";

    /// <summary>The payment was voided before it succeeded.</summary>
    public const string PaymentCanceled = "payment_intent.canceled";

    /// <summary>Part or all of a succeeded payment was refunded; <c>refund</c> says which and how much.</summary>
    public const string ChargeRefunded = "charge.refunded";

    /// <summary>The customer disputed the payment (chargeback).</summary>
    public const string ChargeDisputeCreated = "charge.dispute.created";

    /// <summary>The type string for a kind.</summary>
    public static string For(PaymentEventKind kind) => kind switch
    {
        PaymentEventKind.Succeeded => PaymentSucceeded,
        PaymentEventKind.Failed => PaymentFailed,
        PaymentEventKind.Authorized => AmountCapturableUpdated,
        PaymentEventKind.Canceled => PaymentCanceled,
        PaymentEventKind.Refunded => ChargeRefunded,
        PaymentEventKind.Disputed => ChargeDisputeCreated,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown payment event kind."),
    };

    /// <summary>Maps a type string (case-sensitive, as the provider sends it) to a kind; false for types we do not handle.</summary>
    public static bool TryGetKind(string type, out PaymentEventKind kind)
    {
        (var known, kind) = type switch
        {
            PaymentSucceeded => (true, PaymentEventKind.Succeeded),
            PaymentFailed => (true, PaymentEventKind.Failed),
            AmountCapturableUpdated => (true, PaymentEventKind.Authorized),
            PaymentCanceled => (true, PaymentEventKind.Canceled),
            ChargeRefunded => (true, PaymentEventKind.Refunded),
            ChargeDisputeCreated => (true, PaymentEventKind.Disputed),
            _ => (false, default),
        };
        return known;
    }
}
