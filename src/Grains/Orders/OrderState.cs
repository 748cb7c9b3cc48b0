using System.Text.Json.Serialization;
using PacificEdge.Grains.Common;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;
using PacificEdge.Persistence;

namespace PacificEdge.Grains.Orders;

public sealed class OrderState : IVersionedState, IHasWakeUpTime
{
    public bool Created { get; set; }

    public string OrderId { get; set; } = "";

    public string CustomerId { get; set; } = "";

    public string Email { get; set; } = "";

    public string CartId { get; set; } = "";

    public List<OrderLine> Lines { get; set; } = [];

    public Money Subtotal { get; set; } = Money.Zero("USD");

    public Money Discount { get; set; } = Money.Zero("USD");

    public Money Refunded { get; set; } = Money.Zero("USD");

    public int PointsRedeemed { get; set; }

    public int PointsEarned { get; set; }

    public PaymentStatus Payment { get; set; }

    public FulfilmentStatus Fulfilment { get; set; }

    public string? PaymentId { get; set; }

    public int PaymentAttempts { get; set; }

    public string? LastDeclineCode { get; set; }

    /// <summary>Where the shopper completes a pending 3-D Secure step; cleared by the payment's outcome.</summary>
    public string? PaymentActionUrl { get; set; }

    public Address? ShipTo { get; set; }

    public string? ShipmentId { get; set; }

    public string? Carrier { get; set; }

    public string? TrackingNumber { get; set; }

    public string? TrackingUrl { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? PaymentDueBy { get; set; }

    /// <summary>Placed without an account: no loyalty points are earned, claimed or clawed back (nobody could use them).</summary>
    public bool Guest { get; set; }

    /// <summary>Webhook event ids, payment outcomes and shipment updates already applied.</summary>
    public BoundedKeySet Processed { get; set; } = new();

    public List<string> RefundIds { get; set; } = [];

    /// <summary>Fresh order links emailed so far (each email's key needs a new number).</summary>
    public int AccessLinksSent { get; set; }

    /// <summary>The outbox: side effects owed, oldest first.</summary>
    public List<OrderEffect> Effects { get; set; } = [];

    /// <summary>Effects that failed <c>EffectMaxAttempts</c> times, parked until an admin replays them (empty in older rows).</summary>
    public List<OrderEffect> DeadLettered { get; set; } = [];

    /// <summary>When the owed effects are next tried (the name is from when a reminder carried it; stored rows keep it).</summary>
    public DateTimeOffset? WorkReminderAt { get; set; }

    /// <summary>When the "retry your payment" email is due (while the order can still be paid).</summary>
    public DateTimeOffset? PaymentRetryReminderAt { get; set; }

    /// <summary>Whether the order still waits for its money: it expires at <see cref="PaymentDueBy"/> unless paid.</summary>
    [JsonIgnore]
    public bool Payable => Payment is PaymentStatus.Pending or PaymentStatus.Failed or PaymentStatus.Authorized && Fulfilment != FulfilmentStatus.Cancelled;

    /// <summary>
    /// Stored beside the state: the sweeper wakes the order then if no activation did it. The earliest of the owed
    /// effects' next try, the payment deadline and the payment-retry email, so one stored time serves all three
    /// (no reminder rows to insert and delete per order).
    /// </summary>
    [JsonIgnore]
    public DateTimeOffset? WakeUpAt => new[] { Effects.Count > 0 ? WorkReminderAt : null, Payable ? PaymentDueBy : null, Payable ? PaymentRetryReminderAt : null }.Min();

    public long Version { get; set; }

    public List<TimelineEntry> Timeline { get; set; } = [];

    public Money Total => Subtotal - Discount;
}
