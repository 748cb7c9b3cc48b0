namespace PacificEdge.Grains.Interfaces.Newsletter;

/// <summary>
/// Newsletter subscriptions (a stateless worker, key 0; the subscriptions live in PostgreSQL). It holds the
/// unsubscribe-link key, so the front end never sees it: the front end passes the link's token here to be checked.
/// </summary>
[Alias("newsletter")]
public interface INewsletterGrain : IGrainWithIntegerKey
{
    /// <summary>Subscribes with consent given now; an address already subscribed keeps its first consent date.</summary>
    /// <exception cref="Common.ValidationException">Not an email address.</exception>
    Task<SubscriptionView> Subscribe(string email);

    /// <summary>Unsubscribes the address of an unsubscribe link, if the link's token is right.</summary>
    /// <exception cref="InvalidUnsubscribeLinkException">The token does not belong to the address.</exception>
    Task<SubscriptionView> Unsubscribe(string email, string token);
}
