namespace PacificEdge.Grains.Interfaces.Orders;

/// <summary>One side effect an order owes (or has parked), as admins see it: what, which key, how it is going.</summary>
/// <param name="Kind">What it does (CommitStock, VoidPayment, SendEmail, ...).</param>
/// <param name="Key">Its idempotency key at the target, unique per kind within the order.</param>
/// <param name="Attempts">Failed attempts so far.</param>
/// <param name="NextAttemptAt">When it is tried again (owed effects that failed); null when due now or parked.</param>
/// <param name="LastError">The last failure: exception type and message, shortened. Never card data.</param>
/// <param name="DeadLetteredAt">When it was parked after too many failures; null while still owed.</param>
[GenerateSerializer]
[Immutable]
[Alias("pe.orders.order-effect-status")]
public sealed record OrderEffectStatus(
    [Id(0)] string Kind,
    [Id(1)] string Key,
    [Id(2)] int Attempts,
    [Id(3)] DateTimeOffset? NextAttemptAt,
    [Id(4)] string? LastError,
    [Id(5)] DateTimeOffset? DeadLetteredAt);
