namespace PacificEdge.Grains.Interfaces.Loyalty;

/// <summary>Kinds of wallet ledger entries.</summary>
[GenerateSerializer]
[Alias("pe.loyalty.ledger-entry-kind")]
public enum LedgerEntryKind
{
    /// <summary>Points earned on a paid order (a lot that expires).</summary>
    Earn,

    /// <summary>Points set aside at checkout (negative).</summary>
    Hold,

    /// <summary>Held points spent because the order was paid (zero: the hold already took them).</summary>
    Capture,

    /// <summary>Held points returned because the order was not paid (positive).</summary>
    Release,

    /// <summary>Points spent outside checkout (negative).</summary>
    Redeem,

    /// <summary>Points of an earned lot that reached its expiry (negative).</summary>
    Expire,

    /// <summary>Bonus for referring a customer whose first order was paid (a lot).</summary>
    Referral,

    /// <summary>Points taken back after a refund (negative, never below zero; shortfall recorded).</summary>
    Clawback,

    /// <summary>Manual correction by staff, with a reason (either sign).</summary>
    Adjustment,

    /// <summary>Balance carried over from the old shop (a lot).</summary>
    OpeningBalance,
}
