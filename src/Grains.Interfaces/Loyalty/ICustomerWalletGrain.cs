using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Interfaces.Loyalty;

/// <summary>
/// A customer's loyalty points (key: customer id): an append-only ledger where every entry has an
/// idempotency key, so a replayed webhook never credits twice. Earned lots expire after N days,
/// driven by a reminder at the next lot's expiry.
/// </summary>
[Alias("wallet")]
public interface ICustomerWalletGrain : IWakeUpGrain
{
    Task<WalletView> Get();

    /// <summary>Earns points for a paid order: rate per currency unit, rounded down.</summary>
    Task<WalletView> EarnForOrder(string orderId, Money amountPaid);

    /// <summary>Sets points aside for an order at checkout.</summary>
    /// <exception cref="InsufficientPointsException">The balance is lower.</exception>
    Task<WalletView> Hold(string orderId, int points);

    /// <summary>The order was paid: its held points are spent.</summary>
    Task<WalletView> Capture(string orderId);

    /// <summary>The order was not paid: its held points return.</summary>
    Task<WalletView> Release(string orderId);

    /// <summary>Spends points outside checkout.</summary>
    Task<WalletView> Redeem(string key, int points, string reason);

    /// <summary>Takes points back after a refund: never below zero; the shortfall is recorded.</summary>
    Task<WalletView> Clawback(string key, int points, string reason);

    /// <summary>Staff correction (positive adds a lot, negative takes points) with a reason.</summary>
    Task<WalletView> Adjust(string key, int points, string reason);

    /// <summary>Balance from the old shop.</summary>
    Task<WalletView> ImportOpeningBalance(string key, int points, DateTimeOffset earnedAt);

    /// <summary>Records who referred this customer (once; a different referrer later is a conflict).</summary>
    Task<WalletView> SetReferrer(string referrerCustomerId);

    /// <summary>Called when one of this customer's orders is paid: returns the referrer to reward if this is the first paid order, else null.</summary>
    Task<string?> ClaimReferral(string orderId);

    /// <summary>Credits the referral bonus for a referred customer (once per referred customer).</summary>
    Task<WalletView> AwardReferralBonus(string referredCustomerId);
}
