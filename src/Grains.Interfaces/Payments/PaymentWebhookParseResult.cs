using System.Diagnostics.CodeAnalysis;
using PacificEdge.Grains.Interfaces.Orders;

namespace PacificEdge.Grains.Interfaces.Payments;

/// <summary>
/// A parsed payment webhook. <see cref="Event"/> is null when the <c>type</c> is one we do not handle: the endpoint
/// answers 4xx "unknown event type" for it (the id and type are still known, for the log).
/// </summary>
/// <param name="EventId">The provider's event id (unique per event; a redelivery repeats it).</param>
/// <param name="EventType">The raw <c>type</c> string.</param>
/// <param name="Event">The event, for known types.</param>
public sealed record PaymentWebhookParseResult(string EventId, string EventType, PaymentEvent? Event)
{
    /// <summary>True when <see cref="Event"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Event))]
    public bool IsKnownType => Event is not null;
}
