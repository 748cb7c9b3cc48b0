namespace PacificEdge.Grains.Interfaces.Orders;

/// <summary>An order's outbox for admins: the effects still owed (with their retries) and the dead-lettered ones.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Owed">Effects not yet done, oldest first; retried with backoff.</param>
/// <param name="DeadLettered">Effects parked after too many failures; an admin replay re-queues them.</param>
[GenerateSerializer]
[Alias("pe.orders.order-effects")]
public sealed record OrderEffects(
    [Id(0)] string OrderId,
    [Id(1)] IReadOnlyList<OrderEffectStatus> Owed,
    [Id(2)] IReadOnlyList<OrderEffectStatus> DeadLettered);
