using Orleans.Concurrency;
using PacificEdge.Grains.Integration.Email;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Newsletter;

namespace PacificEdge.Grains.Newsletter;

/// <summary>Subscribe and unsubscribe; the rows are in <see cref="NewsletterSubscribers"/>, the link check in <see cref="UnsubscribeLinks"/>.</summary>
[GrainType("newsletter")]
[StatelessWorker]
public sealed class NewsletterGrain(NewsletterSubscribers subscribers, UnsubscribeLinks links, TimeProvider time) : Grain, INewsletterGrain
{
    public Task<SubscriptionView> Subscribe(string email)
    {
        var address = RequireAddress(email);
        return subscribers.SubscribeAsync(address, time.GetUtcNow(), CancellationToken.None);
    }

    public Task<SubscriptionView> Unsubscribe(string email, string token)
    {
        var address = RequireAddress(email);
        return links.IsValid(address, token)
            ? subscribers.UnsubscribeAsync(address, time.GetUtcNow(), CancellationToken.None)
            : throw new InvalidUnsubscribeLinkException("This unsubscribe link is not valid: use the link from the email as it is.");
    }

    private static string RequireAddress(string email)
        => EmailAddressSyntax.TryParse(email, out var address) && address.Length <= 254
            ? address.ToLowerInvariant()
            : throw new ValidationException("A valid email address is required.");
}
