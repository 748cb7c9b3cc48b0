namespace PacificEdge.Simulators.Payments;

/// <summary>What one delivery pass's claim found: the webhooks it claimed and when the next work is due.</summary>
/// <param name="Claimed">Webhooks claimed for this attempt, in the order they were written.</param>
/// <param name="NextWebhookAt">The earliest pending webhook's next attempt, counting those just claimed (at their lease end); null when none.</param>
/// <param name="NextDecisionAt">The earliest processing payment's decision time (possibly past); null when none.</param>
public sealed record SandboxClaim(IReadOnlyList<SandboxWebhookDelivery> Claimed, DateTimeOffset? NextWebhookAt, DateTimeOffset? NextDecisionAt)
{
    /// <summary>When the loop has work next: the earlier of the two; null when nothing is pending.</summary>
    public DateTimeOffset? NextDueAt => NextWebhookAt is { } webhook && NextDecisionAt is { } decision
        ? (webhook < decision ? webhook : decision)
        : NextWebhookAt ?? NextDecisionAt;
}
