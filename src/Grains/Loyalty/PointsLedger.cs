using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Loyalty;

using PacificEdge.Grains.Common;

namespace PacificEdge.Grains.Loyalty;

/// <summary>
/// The wallet's rules over its state: an append-only ledger whose sum is the balance, lots that
/// expire, holds that remember their lots. Every operation is keyed; a key already in the ledger
/// makes the operation a no-op. Invariant: balance = sum of entries = sum of lots' remainders ≥ 0.
/// </summary>
public sealed class PointsLedger(WalletState state, LoyaltyRules rules)
{
    public int Balance => state.Entries.Sum(e => e.Points);

    public int Held => state.Holds.Values.Where(h => h.Status == HoldStatus.Held).Sum(h => h.Points);

    public DateTimeOffset? NextExpiry => state.Lots.Where(l => l.Remaining > 0).Select(l => (DateTimeOffset?)l.ExpiresAt).Min();

    public bool HasKey(string key) => state.Entries.Any(e => e.Key == key);

    /// <summary>Adds points as a new lot (earn, referral, opening balance, positive adjustment).</summary>
    public bool Credit(LedgerEntryKind kind, string key, int points, string reason, DateTimeOffset at, DateTimeOffset lotStart)
    {
        if (HasKey(key))
        {
            return false;
        }

        if (points < 0)
        {
            throw new ValidationException($"Points must not be negative; got {points}.");
        }

        var expires = lotStart + rules.LotLifetime;
        Append(kind, key, points, reason, at, expiresAt: expires);
        if (points > 0)
        {
            state.Lots.Add(new PointsLot(key, points, expires));
            // A back-dated lot (opening balance) may already be past its expiry.
            ExpireDue(at);
        }

        return true;
    }

    /// <summary>Takes points, oldest lots first (redeem, negative adjustment).</summary>
    public bool Debit(LedgerEntryKind kind, string key, int points, string reason, DateTimeOffset at)
    {
        if (HasKey(key))
        {
            return false;
        }

        RequirePositive(points);
        EnsureAvailable(points);
        TakeFromLots(points);
        Append(kind, key, -points, reason, at);
        return true;
    }

    public bool Hold(string orderId, int points, DateTimeOffset at)
    {
        if (state.Holds.TryGetValue(orderId, out var existing))
        {
            return existing.Points == points
                ? false
                : throw new ConflictException($"Order {orderId} already holds {existing.Points} points, not {points}.");
        }

        RequirePositive(points);
        EnsureAvailable(points);
        var taken = TakeFromLots(points);
        state.Holds[orderId] = new PointsHold { Points = points, Status = HoldStatus.Held, TakenFromLots = taken };
        Append(LedgerEntryKind.Hold, $"hold:{orderId}", -points, $"held for order {orderId}", at);
        return true;
    }

    public bool Capture(string orderId, DateTimeOffset at)
    {
        if (!state.Holds.TryGetValue(orderId, out var hold) || hold.Status != HoldStatus.Held)
        {
            return false;
        }

        hold.Status = HoldStatus.Captured;
        Append(LedgerEntryKind.Capture, $"capture:{orderId}", 0, $"{hold.Points} points spent on order {orderId}", at);
        return true;
    }

    public bool Release(string orderId, DateTimeOffset at)
    {
        if (!state.Holds.TryGetValue(orderId, out var hold) || hold.Status != HoldStatus.Held)
        {
            return false;
        }

        hold.Status = HoldStatus.Released;
        foreach (var (lotKey, points) in hold.TakenFromLots)
        {
            var index = state.Lots.FindIndex(l => l.Key == lotKey);
            if (index >= 0)
            {
                state.Lots[index] = state.Lots[index] with { Remaining = state.Lots[index].Remaining + points };
            }
        }

        Append(LedgerEntryKind.Release, $"release:{orderId}", hold.Points, $"order {orderId} not paid", at);
        ExpireDue(at); // points that went back to an already expired lot expire now
        return true;
    }

    /// <summary>Takes back up to <paramref name="points"/>; never below zero, the rest is recorded as shortfall.</summary>
    public bool Clawback(string key, int points, string reason, DateTimeOffset at)
    {
        if (HasKey(key))
        {
            return false;
        }

        RequirePositive(points);
        var taken = Math.Min(points, Balance);
        TakeFromLots(taken);
        Append(LedgerEntryKind.Clawback, key, -taken, reason, at, shortfall: points - taken);
        return true;
    }

    /// <summary>Expires the remainder of every lot past its expiry. Returns the points expired.</summary>
    public int ExpireDue(DateTimeOffset now)
    {
        var expired = 0;
        for (var i = 0; i < state.Lots.Count; i++)
        {
            var lot = state.Lots[i];
            if (lot.Remaining > 0 && lot.ExpiresAt <= now)
            {
                var key = $"expire:{lot.Key}:{Entries(LedgerEntryKind.Expire).Count()}";
                Append(LedgerEntryKind.Expire, key, -lot.Remaining, $"lot {lot.Key} expired {lot.ExpiresAt:yyyy-MM-dd}", now);
                expired += lot.Remaining;
                state.Lots[i] = lot with { Remaining = 0 };
            }
        }

        state.Lots.RemoveAll(l => l.Remaining == 0 && !state.Holds.Values.Any(h => h.Status == HoldStatus.Held && h.TakenFromLots.ContainsKey(l.Key)));
        return expired;
    }

    private IEnumerable<LedgerEntry> Entries(LedgerEntryKind kind) => state.Entries.Where(e => e.Kind == kind);

    private Dictionary<string, int> TakeFromLots(int points)
    {
        var taken = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (lot, index) in state.Lots.Select((l, i) => (l, i)).OrderBy(x => x.l.ExpiresAt).ToList())
        {
            if (points == 0)
            {
                break;
            }

            var take = Math.Min(points, lot.Remaining);
            if (take > 0)
            {
                state.Lots[index] = lot with { Remaining = lot.Remaining - take };
                taken[lot.Key] = take;
                points -= take;
            }
        }

        return points == 0 ? taken : throw new InvalidOperationException("Lots do not cover the balance; the wallet invariant is broken.");
    }

    private void EnsureAvailable(int points)
    {
        if (points > Balance)
        {
            throw new InsufficientPointsException($"Only {Balance} points available; {points} requested.");
        }
    }

    private static void RequirePositive(int points)
    {
        if (points <= 0)
        {
            throw new ValidationException($"Points must be positive; got {points}.");
        }
    }

    private void Append(LedgerEntryKind kind, string key, int points, string reason, DateTimeOffset at, int shortfall = 0, DateTimeOffset? expiresAt = null)
        => state.Entries.Add(new LedgerEntry(state.Entries.Count + 1, kind, points, key, reason, at, shortfall, expiresAt));
}
