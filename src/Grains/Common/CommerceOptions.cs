using PacificEdge.Grains.Interfaces.Carts;

namespace PacificEdge.Grains.Common;

/// <summary>Business rules with their defaults (configuration section <c>Commerce</c>).</summary>
public sealed class CommerceOptions
{
    public const string SectionName = "Commerce";

    /// <summary>The store's currency. Default USD.</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>How long an unpaid order holds stock before it expires. Default 60 minutes (as WooCommerce holds stock).</summary>
    public TimeSpan PaymentTimeout { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>How long this buyer's unpaid order holds stock: a guest never longer than a registered customer.</summary>
    public TimeSpan PaymentTimeoutFor(bool guest)
        => guest && GuestCheckout.PaymentTimeout < PaymentTimeout ? GuestCheckout.PaymentTimeout : PaymentTimeout;

    /// <summary>After a failed payment, when to remind the shopper to retry (must be before the timeout). Default 20 minutes.</summary>
    public TimeSpan PaymentRetryReminderAfter { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>When a side effect (stock, points, email, shipment) failed, when to try it again. Default 30 s.</summary>
    public TimeSpan EffectRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a grain may hold "these effects are done" unwritten, waiting for its next write to take it along
    /// (at most <see cref="EffectRetryDelay"/>, the crash fallback already stored). Default 5 s: longer than the gaps
    /// between an order's steps under load, short enough that a quiet store soon has nothing left to write.
    /// </summary>
    public TimeSpan DeferredWriteDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Upper bound of an owed effect's retry delay, which doubles after each failure. Default 1 hour.</summary>
    public TimeSpan EffectRetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Failed attempts after which an owed effect is dead-lettered (parked, admins alerted). Default 8 (about an hour with the default delays).</summary>
    public int EffectMaxAttempts { get; set; } = 8;

    /// <summary>A checkout that crashed part-way is finished or undone after this. Default 2 minutes.</summary>
    public TimeSpan CheckoutRecoveryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Abandoned-cart email this long after the last change. Default 10 hours.</summary>
    public TimeSpan AbandonedCartAfter { get; set; } = TimeSpan.FromHours(10);

    /// <summary>An untouched cart is emptied after this. Default 30 days.</summary>
    public TimeSpan CartExpiresAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How often a one-shot reminder whose work has not finished fires again (Orleans reminders are
    /// periodic; see <c>OneShotReminders</c>). Also the most a reminder can be late after an outage. Default 1 minute.
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Public base URL for links in emails.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Limits for checkouts without an account, and their shorter payment timeout (section <c>Commerce:GuestCheckout</c>).</summary>
    public GuestCheckoutLimits GuestCheckout { get; set; } = new();

    /// <summary>Loyalty rules.</summary>
    public LoyaltyRules Loyalty { get; set; } = new();

    /// <summary>Shipment push retries across attempts (each attempt retries quickly first).</summary>
    public ShipmentRetryRules ShipmentRetry { get; set; } = new();
}

/// <summary>Loyalty points rules.</summary>
public sealed class LoyaltyRules
{
    /// <summary>Points earned per currency unit paid, rounded down. Default 1.</summary>
    public decimal PointsPerCurrencyUnit { get; set; } = 1m;

    /// <summary>What one point is worth at checkout. Default 0.01 (100 points = 1.00).</summary>
    public decimal PointValue { get; set; } = 0.01m;

    /// <summary>Earned points expire per lot after this. Default 365 days.</summary>
    public TimeSpan LotLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Bonus for the referrer when a referred customer's first order is paid. Default 500.</summary>
    public int ReferralBonus { get; set; } = 500;
}

/// <summary>Backoff between shipment push attempts.</summary>
public sealed class ShipmentRetryRules
{
    /// <summary>Delay after the first failed attempt; doubles each time. Default 30 s.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound of the delay. Default 1 hour.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan DelayFor(int failedAttempts)
        => PacificEdge.Grains.Interfaces.Common.ExponentialBackoff.Delay(InitialDelay, MaxDelay, failedAttempts);
}
