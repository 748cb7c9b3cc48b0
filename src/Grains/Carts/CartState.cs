using PacificEdge.Grains.Common;
using PacificEdge.Grains.Interfaces.Carts;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.Grains.Carts;

public sealed class CartState : IVersionedState
{
    public List<CartLine> Lines { get; set; } = [];

    public string? CustomerId { get; set; }

    public string? Email { get; set; }

    public DateTimeOffset? LastChangedAt { get; set; }

    /// <summary>Checkouts that completed, by idempotency key (the newest few are kept).</summary>
    public Dictionary<string, CheckoutResult> Completed { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A checkout that started and has not finished or been undone yet.</summary>
    public PendingCheckout? Pending { get; set; }

    /// <summary>Due times of the cart's reminders, so they are only moved when needed.</summary>
    public DateTimeOffset? AbandonedReminderAt { get; set; }

    public DateTimeOffset? ExpiryReminderAt { get; set; }

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
