namespace PacificEdge.Grains.Interfaces.Newsletter;

/// <summary>An address's newsletter subscription.</summary>
/// <param name="Email">The address, lower-cased.</param>
/// <param name="Subscribed">Whether marketing mail may be sent to it.</param>
/// <param name="ConsentAt">When the shopper agreed (kept from the old shop for imported subscribers).</param>
/// <param name="UnsubscribedAt">When the shopper last unsubscribed.</param>
[GenerateSerializer]
[Immutable]
[Alias("pe.newsletter.subscription-view")]
public sealed record SubscriptionView(
    [Id(0)] string Email,
    [Id(1)] bool Subscribed,
    [Id(2)] DateTimeOffset? ConsentAt,
    [Id(3)] DateTimeOffset? UnsubscribedAt);
