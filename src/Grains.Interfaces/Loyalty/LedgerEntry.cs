namespace PacificEdge.Grains.Interfaces.Loyalty;

/// <summary>One line of the append-only points ledger. The balance is always the sum of <see cref="Points"/>.</summary>
/// <param name="Sequence">Position in the ledger (1, 2, 3, ...).</param>
/// <param name="Kind">What happened.</param>
/// <param name="Points">Signed change of the balance.</param>
/// <param name="Key">Idempotency key (source + reference): an entry with the same key is never added twice.</param>
/// <param name="Reason">Why (order id, admin's reason, ...).</param>
/// <param name="At">When.</param>
/// <param name="Shortfall">For claw-backs: points that could not be taken because the balance was too low.</param>
/// <param name="ExpiresAt">For lots (earn, referral, opening, positive adjustment): when the rest expires.</param>
public sealed record LedgerEntry(
    long Sequence,
    LedgerEntryKind Kind,
    int Points,
    string Key,
    string Reason,
    DateTimeOffset At,
    int Shortfall = 0,
    DateTimeOffset? ExpiresAt = null);
