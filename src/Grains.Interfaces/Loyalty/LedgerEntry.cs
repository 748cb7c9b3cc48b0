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
[GenerateSerializer]
[Immutable]
[Alias("pe.loyalty.ledger-entry")]
public sealed record LedgerEntry(
    [Id(0)] long Sequence,
    [Id(1)] LedgerEntryKind Kind,
    [Id(2)] int Points,
    [Id(3)] string Key,
    [Id(4)] string Reason,
    [Id(5)] DateTimeOffset At,
    [Id(6)] int Shortfall = 0,
    [Id(7)] DateTimeOffset? ExpiresAt = null);
