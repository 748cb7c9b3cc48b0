namespace PacificEdge.Grains.Integration.Alerts;

/// <summary>Kinds of alerts raised by orders (the dashboard's own threshold alerts have their own kinds).</summary>
public static class AdminAlertKinds
{
    /// <summary>A payment whose amount or currency differs from the order total (it is returned, the order stays unpaid).</summary>
    public const string PaymentAmountMismatch = "payment_amount_mismatch";

    /// <summary>The provider reported a refund above what was refundable; the excess was not applied.</summary>
    public const string RefundExcess = "payment_refund_excess";

    /// <summary>The provider reported a refund on an order that could not be refunded (not paid, other currency, nothing left).</summary>
    public const string RefundRejected = "payment_refund_rejected";

    /// <summary>An order's side effect failed its last allowed attempt and was parked; an admin can replay it.</summary>
    public const string EffectDeadLettered = "effect_dead_lettered";

    /// <summary>The customer disputed a payment (chargeback); the order is on hold until someone answers it.</summary>
    public const string PaymentDisputed = "payment_disputed";
}
