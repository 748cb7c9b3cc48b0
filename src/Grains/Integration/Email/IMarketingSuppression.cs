namespace PacificEdge.Grains.Integration.Email;

/// <summary>Addresses that unsubscribed from marketing mail; <see cref="NotificationService"/> does not send marketing kinds to them.</summary>
public interface IMarketingSuppression
{
    Task<bool> IsUnsubscribedAsync(string email, CancellationToken cancellationToken);
}
