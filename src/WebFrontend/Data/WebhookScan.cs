namespace PacificEdge.WebFrontend.Data;

/// <summary>What a scan of stored webhook events found.</summary>
/// <param name="Due">Ids of events due now, earliest first (at most the asked number).</param>
/// <param name="NextAt">When the earliest event not yet due falls due (a retry, or a lease ending); null when none waits.</param>
public sealed record WebhookScan(IReadOnlyList<long> Due, DateTimeOffset? NextAt);
