using Microsoft.Extensions.Options;
using PacificEdge.Grains.Common;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Loyalty;
using Orleans;
using Orleans.Runtime;
using PacificEdge.Grains.Reminders;

namespace PacificEdge.Grains.Loyalty;

/// <summary>
/// A customer's points. The ledger rules live in <see cref="PointsLedger"/>; this grain persists
/// them, keeps the timeline and expires lots at the next expiry, a wake-up time stored with the state (no reminder row
/// per change).
/// </summary>
[GrainType("wallet")]
public sealed class CustomerWalletGrain(
    [PersistentState("wallet", CommerceStorage.Name)] IPersistentState<WalletState> state,
    IOptions<CommerceOptions> options,
    TimeProvider time) : Grain, ICustomerWalletGrain, IRemindable
{
    // Only wallets stored before the expiry time moved into the state row still have this reminder.
    private const string ExpiryReminder = "expire-points";

    private OneShotReminders? _reminders;

    private StoredWakeUp<WalletState>? _wakeUp;

    private OneShotReminders Reminders => _reminders ??= new(this, time, options.Value.ReminderPeriod);

    private StoredWakeUp<WalletState> WakeUps => _wakeUp ??= new(this, state, time);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        WakeUps.Loaded();
        return Task.CompletedTask;
    }

    private LoyaltyRules Rules => options.Value.Loyalty;

    private PointsLedger Ledger => new(state.State, Rules);

    public Task<WalletView> Get() => Task.FromResult(View());

    public Task<WalletView> EarnForOrder(string orderId, Money amountPaid)
    {
        Ids.Require(orderId, "Order id");
        var points = (int)Math.Floor(Math.Max(0m, amountPaid.Amount) * Rules.PointsPerCurrencyUnit);
        var now = time.GetUtcNow();
        return ChangeAsync(l => l.Credit(LedgerEntryKind.Earn, $"earn:{orderId}", points, $"order {orderId} paid {amountPaid}", now, now), "points.earned", $"{points} for {orderId}");
    }

    public Task<WalletView> Hold(string orderId, int points)
    {
        Ids.Require(orderId, "Order id");
        return ChangeAsync(l => l.Hold(orderId, points, time.GetUtcNow()), "points.held", $"{points} for {orderId}");
    }

    public Task<WalletView> Capture(string orderId)
        => ChangeAsync(l => l.Capture(orderId, time.GetUtcNow()), "points.captured", orderId);

    public Task<WalletView> Release(string orderId)
        => ChangeAsync(l => l.Release(orderId, time.GetUtcNow()), "points.released", orderId);

    public Task<WalletView> Redeem(string key, int points, string reason)
        => ChangeAsync(l => l.Debit(LedgerEntryKind.Redeem, Key("redeem", key), points, Reason(reason), time.GetUtcNow()), "points.redeemed", $"{points}: {reason}");

    public Task<WalletView> Clawback(string key, int points, string reason)
        => ChangeAsync(l => l.Clawback(Key("clawback", key), points, Reason(reason), time.GetUtcNow()), "points.clawed_back", $"{points}: {reason}");

    public Task<WalletView> Adjust(string key, int points, string reason)
    {
        var entryKey = Key("adjust", key);
        var now = time.GetUtcNow();
        return points switch
        {
            > 0 => ChangeAsync(l => l.Credit(LedgerEntryKind.Adjustment, entryKey, points, Reason(reason), now, now), "points.adjusted", $"+{points}: {reason}"),
            < 0 => ChangeAsync(l => l.Debit(LedgerEntryKind.Adjustment, entryKey, -points, Reason(reason), now), "points.adjusted", $"{points}: {reason}"),
            _ => throw new ValidationException("An adjustment must add or remove at least one point."),
        };
    }

    public Task<WalletView> ImportOpeningBalance(string key, int points, DateTimeOffset earnedAt)
    {
        var now = time.GetUtcNow();
        if (earnedAt > now)
        {
            throw new ValidationException("An opening balance cannot be earned in the future.");
        }

        return ChangeAsync(l => l.Credit(LedgerEntryKind.OpeningBalance, Key("opening", key), points, "opening balance from the old shop", now, earnedAt), "points.imported", $"{points}");
    }

    public async Task<WalletView> SetReferrer(string referrerCustomerId)
    {
        Ids.Require(referrerCustomerId, "Referrer");
        if (referrerCustomerId == this.GetPrimaryKeyString())
        {
            throw new ValidationException("A customer cannot refer themselves.");
        }

        if (state.State.ReferredBy is { } existing)
        {
            return existing == referrerCustomerId
                ? View()
                : throw new ConflictException($"Customer {this.GetPrimaryKeyString()} was already referred by {existing}.");
        }

        state.State.ReferredBy = referrerCustomerId;
        await SaveAsync("referral.recorded", $"referred by {referrerCustomerId}");
        return View();
    }

    public async Task<string?> ClaimReferral(string orderId)
    {
        if (state.State.ReferredBy is null)
        {
            return null;
        }

        if (state.State.ReferralClaimedBy is { } claimed)
        {
            return claimed == orderId ? state.State.ReferredBy : null; // the same order asking again gets the same answer
        }

        state.State.ReferralClaimedBy = orderId;
        await SaveAsync("referral.claimed", $"first paid order {orderId}");
        return state.State.ReferredBy;
    }

    public Task<WalletView> AwardReferralBonus(string referredCustomerId)
    {
        Ids.Require(referredCustomerId, "Referred customer");
        var now = time.GetUtcNow();
        return ChangeAsync(
            l => l.Credit(LedgerEntryKind.Referral, $"referral:{referredCustomerId}", Rules.ReferralBonus, $"referred {referredCustomerId}", now, now),
            "points.referral",
            $"{Rules.ReferralBonus} for referring {referredCustomerId}");
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
        => Reminders.DeliverAsync(reminderName, () => reminderName == ExpiryReminder ? WakeUp() : Task.CompletedTask);

    public async Task WakeUp()
    {
        if (state.State.ExpiryReminderAt is { } due && due <= time.GetUtcNow())
        {
            var expired = Ledger.ExpireDue(time.GetUtcNow());
            await SaveAsync("points.expired", $"{expired} points");
        }

        await WakeUps.SettleAsync();
    }

    private async Task<WalletView> ChangeAsync(Func<PointsLedger, bool> change, string @event, string detail)
    {
        if (change(Ledger))
        {
            await SaveAsync(@event, detail);
        }

        return View();
    }

    private Task SaveAsync(string @event, string detail)
    {
        Timeline.Record(state.State, time.GetUtcNow(), @event, detail);
        state.State.ExpiryReminderAt = Ledger.NextExpiry;
        return WakeUps.SaveAsync();
    }

    private WalletView View()
    {
        var ledger = Ledger;
        return new WalletView(
            this.GetPrimaryKeyString(),
            ledger.Balance,
            ledger.Held,
            ledger.NextExpiry,
            state.State.ReferredBy,
            state.State.Entries.ToList(),
            state.State.Version,
            state.State.Timeline.TakeLast(50).ToList());
    }

    private static string Key(string source, string key) => $"{source}:{Ids.Require(key, "Idempotency key", 200)}";

    private static string Reason(string reason) => string.IsNullOrWhiteSpace(reason) || reason.Length > 500
        ? throw new ValidationException("A reason is required (at most 500 characters).")
        : reason;
}
