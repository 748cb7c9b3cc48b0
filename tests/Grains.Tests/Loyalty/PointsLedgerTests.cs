using PacificEdge.Grains.Common;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Loyalty;
using PacificEdge.Grains.Loyalty;

namespace PacificEdge.Grains.Tests.Loyalty;

/// <summary>The wallet's rules on their own; every test ends by checking balance = ledger sum = lots.</summary>
public sealed class PointsLedgerTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly WalletState _state = new();
    private readonly PointsLedger _ledger;

    public PointsLedgerTests() => _ledger = new PointsLedger(_state, new LoyaltyRules { LotLifetime = TimeSpan.FromDays(30) });

    [Fact]
    public void Redeeming_more_than_the_balance_fails_and_changes_nothing()
    {
        _ledger.Credit(LedgerEntryKind.Earn, "earn:o1", 100, "o1", Day0, Day0);

        var error = Assert.Throws<InsufficientPointsException>(() => _ledger.Debit(LedgerEntryKind.Redeem, "redeem:r1", 101, "too much", Day0));

        Assert.Contains("100", error.Message);
        Assert.Equal(100, _ledger.Balance);
        AssertInvariant();
    }

    [Fact]
    public void A_clawback_after_points_were_spent_stops_at_zero_and_records_the_shortfall()
    {
        _ledger.Credit(LedgerEntryKind.Earn, "earn:o1", 100, "o1", Day0, Day0);
        _ledger.Debit(LedgerEntryKind.Redeem, "redeem:r1", 70, "spent", Day0);

        _ledger.Clawback("clawback:refund-1", 100, "refund", Day0);

        var entry = _state.Entries.Last();
        Assert.Equal(-30, entry.Points);
        Assert.Equal(70, entry.Shortfall);
        Assert.Equal(0, _ledger.Balance);
        AssertInvariant();
    }

    [Fact]
    public void Points_expire_per_lot_oldest_spent_first()
    {
        _ledger.Credit(LedgerEntryKind.Earn, "earn:old", 100, "old", Day0, Day0);
        _ledger.Credit(LedgerEntryKind.Earn, "earn:new", 50, "new", Day0.AddDays(20), Day0.AddDays(20));
        _ledger.Debit(LedgerEntryKind.Redeem, "redeem:r", 60, "spend", Day0.AddDays(21)); // takes 60 from the old lot

        Assert.Equal(0, _ledger.ExpireDue(Day0.AddDays(29)));
        Assert.Equal(40, _ledger.ExpireDue(Day0.AddDays(30)));   // the old lot's remaining 40
        Assert.Equal(50, _ledger.Balance);
        Assert.Equal(Day0.AddDays(50), _ledger.NextExpiry);
        Assert.Equal(50, _ledger.ExpireDue(Day0.AddDays(50)));
        Assert.Equal(0, _ledger.Balance);
        Assert.Equal(2, _state.Entries.Count(e => e.Kind == LedgerEntryKind.Expire));
        AssertInvariant();
    }

    [Fact]
    public void Hold_capture_and_release_are_idempotent_and_a_release_returns_points_to_their_lots()
    {
        _ledger.Credit(LedgerEntryKind.Earn, "earn:o1", 100, "o1", Day0, Day0);

        Assert.True(_ledger.Hold("ord_1", 80, Day0));
        Assert.False(_ledger.Hold("ord_1", 80, Day0));
        Assert.Throws<ConflictException>(() => _ledger.Hold("ord_1", 10, Day0));
        Assert.Equal(20, _ledger.Balance);
        Assert.Equal(80, _ledger.Held);
        Assert.True(_ledger.Release("ord_1", Day0.AddDays(1)));
        Assert.False(_ledger.Release("ord_1", Day0.AddDays(1)));
        Assert.False(_ledger.Capture("ord_1", Day0.AddDays(1)));
        Assert.Equal(100, _ledger.Balance);

        Assert.True(_ledger.Hold("ord_2", 30, Day0.AddDays(2)));
        Assert.True(_ledger.Capture("ord_2", Day0.AddDays(2)));
        Assert.False(_ledger.Release("ord_2", Day0.AddDays(2)));
        Assert.Equal(70, _ledger.Balance);
        AssertInvariant();
    }

    [Fact]
    public void Released_points_whose_lot_expired_meanwhile_expire_at_once()
    {
        _ledger.Credit(LedgerEntryKind.Earn, "earn:o1", 100, "o1", Day0, Day0);
        _ledger.Hold("ord_1", 100, Day0.AddDays(29));

        _ledger.Release("ord_1", Day0.AddDays(31));

        Assert.Equal(0, _ledger.Balance);
        Assert.Equal(-100, _state.Entries.Last().Points);
        AssertInvariant();
    }

    [Fact]
    public void The_same_key_never_credits_twice()
    {
        Assert.True(_ledger.Credit(LedgerEntryKind.Earn, "earn:o1", 100, "o1", Day0, Day0));
        Assert.False(_ledger.Credit(LedgerEntryKind.Earn, "earn:o1", 100, "o1", Day0, Day0));
        Assert.False(_ledger.Clawback("earn:o1", 5, "same key", Day0));

        Assert.Equal(100, _ledger.Balance);
        AssertInvariant();
    }

    [Fact]
    public void A_back_dated_opening_balance_past_its_lifetime_expires_on_import()
    {
        _ledger.Credit(LedgerEntryKind.OpeningBalance, "opening:legacy", 250, "import", Day0.AddDays(60), Day0);

        Assert.Equal(0, _ledger.Balance);
        Assert.Equal(2, _state.Entries.Count);
        AssertInvariant();
    }

    private void AssertInvariant()
    {
        Assert.Equal(_state.Entries.Sum(e => e.Points), _ledger.Balance);
        Assert.Equal(_ledger.Balance, _state.Lots.Sum(l => l.Remaining));
        Assert.True(_ledger.Balance >= 0);
        Assert.Equal(Enumerable.Range(1, _state.Entries.Count).Select(i => (long)i), _state.Entries.Select(e => e.Sequence));
        Assert.Equal(_state.Entries.Count, _state.Entries.Select(e => e.Key).Distinct().Count());
    }
}
