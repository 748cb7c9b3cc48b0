using System.Text.Json.Serialization;
using PacificEdge.Grains.Common;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Loyalty;
using PacificEdge.Persistence;

namespace PacificEdge.Grains.Loyalty;

public sealed class WalletState : IVersionedState, IHasWakeUpTime
{
    public List<LedgerEntry> Entries { get; set; } = [];

    /// <summary>Points lots (earned, referral, opening, positive adjustments) with what is left of each; spending takes the oldest first.</summary>
    public List<PointsLot> Lots { get; set; } = [];

    public Dictionary<string, PointsHold> Holds { get; set; } = new(StringComparer.Ordinal);

    public string? ReferredBy { get; set; }

    /// <summary>The order whose payment claimed the referral (only the first paid order counts).</summary>
    public string? ReferralClaimedBy { get; set; }

    /// <summary>The earliest lot expiry, as of the last write (the name is from when a reminder carried it; stored rows keep it).</summary>
    public DateTimeOffset? ExpiryReminderAt { get; set; }

    /// <summary>Stored beside the state: the sweeper wakes the wallet then if no activation expired the lot.</summary>
    [JsonIgnore]
    public DateTimeOffset? WakeUpAt => ExpiryReminderAt;

    public long Version { get; set; }

    public List<TimelineEntry> Timeline { get; set; } = [];
}

/// <param name="Key">The ledger key of the entry that created the lot.</param>
/// <param name="Remaining">Points of the lot not yet spent or expired.</param>
/// <param name="ExpiresAt">When the remainder expires.</param>
public sealed record PointsLot(string Key, int Remaining, DateTimeOffset ExpiresAt);

/// <summary>Points held for an order and which lots they came from (so a release puts them back where they were).</summary>
public sealed class PointsHold
{
    public int Points { get; set; }

    public HoldStatus Status { get; set; }

    public Dictionary<string, int> TakenFromLots { get; set; } = new(StringComparer.Ordinal);
}

public enum HoldStatus
{
    Held,
    Captured,
    Released,
}
