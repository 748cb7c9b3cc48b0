using PacificEdge.Grains.Interfaces.Orders;

namespace PacificEdge.Grains.Orders;

/// <summary>
/// A side effect the order owes, written to its state together with the change that caused it
/// (an outbox). Done after the write, removed when done, retried by a reminder if it fails or
/// the process dies in between. Every effect is idempotent at its target.
/// </summary>
/// <param name="Kind">What to do.</param>
/// <param name="Key">Idempotency key at the target.</param>
/// <param name="Points">Points for claw-back / restore.</param>
/// <param name="Amount">Amount for refunds.</param>
/// <param name="Text">Notification kind, referrer id, payment id, ...</param>
/// <param name="Change">The status event to publish.</param>
/// <param name="Currency">Currency of <paramref name="Amount"/> when it is not the order's (a refund of a mis-paid payment).</param>
/// <param name="Message">The text of an admin alert.</param>
/// <param name="Threshold">What an alert's <paramref name="Amount"/> is measured against (the order total, the refundable amount).</param>
/// <param name="Url">The link an email carries instead of the plain order page (a fresh signed guest link).</param>
/// <param name="Attempts">Failed attempts so far (0 for state written before retries were counted).</param>
/// <param name="NextAttemptAt">When to try again after a failure; null means now.</param>
/// <param name="LastError">The last failure (exception type and message, shortened) for admins.</param>
/// <param name="DeadLetteredAt">When it was parked after <c>EffectMaxAttempts</c> failures (only in <see cref="OrderState.DeadLettered"/>).</param>
public sealed record OrderEffect(
    OrderEffectKind Kind,
    string Key,
    int Points = 0,
    decimal Amount = 0m,
    string? Text = null,
    OrderStatusChanged? Change = null,
    string? Currency = null,
    string? Message = null,
    decimal Threshold = 0m,
    string? Url = null,
    int Attempts = 0,
    DateTimeOffset? NextAttemptAt = null,
    string? LastError = null,
    DateTimeOffset? DeadLetteredAt = null);

public enum OrderEffectKind
{
    CommitStock,
    ReleaseStock,
    RestockCommitted,
    CapturePoints,
    ReleasePoints,
    EarnPoints,
    ClawbackPoints,
    RestorePoints,
    ClaimReferral,
    AwardReferral,
    CreateShipment,
    SendEmail,
    PublishStatus,
    CapturePayment,
    VoidPayment,
    RefundPayment,

    /// <summary>No longer owed: removes the expiry reminder of an order stored when its deadline was a reminder.</summary>
    CancelExpiry,
    RaiseAlert,
}
