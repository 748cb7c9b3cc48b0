using System.Text.Json.Serialization;
using PacificEdge.Grains.Common;
using PacificEdge.Grains.Interfaces.Carts;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Persistence;

namespace PacificEdge.Grains.Carts;

public sealed class CartState : IVersionedState, IHasWakeUpTime
{
    public List<CartLine> Lines { get; set; } = [];

    public string? CustomerId { get; set; }

    public string? Email { get; set; }

    public DateTimeOffset? LastChangedAt { get; set; }

    /// <summary>Checkouts that completed, by idempotency key (the newest few are kept).</summary>
    public Dictionary<string, CheckoutResult> Completed { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A checkout that started and has not finished or been undone yet.</summary>
    public PendingCheckout? Pending { get; set; }

    /// <summary>When the abandoned-cart email is due (names from when reminders carried these times; stored rows keep them).</summary>
    public DateTimeOffset? AbandonedReminderAt { get; set; }

    /// <summary>When an untouched cart is emptied.</summary>
    public DateTimeOffset? ExpiryReminderAt { get; set; }

    /// <summary>When a checkout still pending then is finished or undone (a crash interrupted it).</summary>
    public DateTimeOffset? RecoveryAt { get; set; }

    /// <summary>Stored beside the state: the earliest of the times above; the sweeper wakes the cart then.</summary>
    [JsonIgnore]
    public DateTimeOffset? WakeUpAt => new[] { Pending is null ? null : RecoveryAt, AbandonedReminderAt, ExpiryReminderAt }.Min();

    /// <summary>The change the abandoned-cart email was sent for (one email per abandonment).</summary>
    public DateTimeOffset? AbandonedEmailFor { get; set; }

    public long Version { get; set; }

    public List<TimelineEntry> Timeline { get; set; } = [];
}

/// <summary>Written before stock is reserved, so a crash part-way can be finished or undone.</summary>
public sealed record PendingCheckout(
    string IdempotencyKey,
    string OrderId,
    string CustomerId,
    IReadOnlyList<CartLine> Lines,
    int Points,
    CheckoutRequest Request);
