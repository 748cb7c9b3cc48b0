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

    /// <summary>Stored beside the state: the sweeper wakes the order then if no activation did the work.</summary>
    [JsonIgnore]
    public DateTimeOffset? WakeUpAt => Effects.Count > 0 ? WorkReminderAt : null;

    public long Version { get; set; }

    public List<TimelineEntry> Timeline { get; set; } = [];

    public Money Total => Subtotal - Discount;
}
